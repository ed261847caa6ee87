package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.GraphDatabase;

class EmbeddedNeo4jIT {

    private static final long PAGE_CACHE = 32L * 1024 * 1024;

    @Test
    @DisplayName("the embedded Neo4j keeps its data in its directory and finds it again after a restart")
    void survivesRestart(@TempDir Path home) {
        try (var neo4j = EmbeddedNeo4j.start(home, 0, PAGE_CACHE);
             var driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), Config.builder().withoutEncryption().build())) {
            driver.executableQuery("CREATE (:Note {text: $text})").withParameters(Map.of("text", "до перезапуска")).execute();
        }

        try (var neo4j = EmbeddedNeo4j.start(home, 0, PAGE_CACHE);
             var driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), Config.builder().withoutEncryption().build())) {
            var text = driver.executableQuery("MATCH (n:Note) RETURN n.text AS text").execute()
                    .records().getFirst().get("text").asString();
            assertThat(text).isEqualTo("до перезапуска");
            assertThat(neo4j.boltUri().getHost()).isEqualTo("127.0.0.1");
        }
    }
}
