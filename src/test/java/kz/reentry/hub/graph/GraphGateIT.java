package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The graph starts beside the rest of the hub (GraphGate): whoever uses the driver before Neo4j has
 * started and the migrations are applied waits for both, never meets an unshaped graph; readiness
 * says DOWN meanwhile without waiting; a graph that cannot be prepared stops the start.
 */
class GraphGateIT {

    private static final long PAGE_CACHE = 32L * 1024 * 1024;

    @Test
    @DisplayName("a statement sent while Neo4j is still starting waits, and finds every migration applied")
    void callersWaitForTheMigrations(@TempDir Path home) throws Exception {
        var gate = new GraphGate();
        try (var neo4j = EmbeddedNeo4j.startInBackground(home, 0, PAGE_CACHE)) {
            Driver deferred = GatedDriver.until(neo4j.whenStarted().thenApply(uri -> GraphDatabase.driver(uri,
                    AuthTokens.none(), Config.builder().withoutEncryption().build())), "the embedded Neo4j's start");
            Driver driver = (Driver) gate.postProcessAfterInitialization(deferred, "neo4jDriver");
            var health = new GraphHealth(gate, provider(driver));

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            // sent at once, from another thread, as a request reaching the web server early would be
            var applied = CompletableFuture.supplyAsync(() -> driver.executableQuery(
                    "MATCH (m:__Migration) RETURN count(m) AS applied").execute().records().getFirst().get("applied").asLong());

            assertThat(applied.get(3, TimeUnit.MINUTES)).isEqualTo(migrationFiles());
            assertThat(gate.open()).isTrue();
            gate.run(new DefaultApplicationArguments());
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            driver.close();
        }
    }

    @Test
    @DisplayName("a graph that cannot be prepared fails every statement with the reason, and the start")
    void aGraphThatCannotBePreparedStopsTheStart() {
        var gate = new GraphGate();
        // nothing listens on port 1: the migrations cannot even read what is applied
        Driver unreachable = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none(),
                Config.builder().withoutEncryption().withConnectionTimeout(2, TimeUnit.SECONDS).build());
        Driver driver = (Driver) gate.postProcessAfterInitialization(unreachable, "neo4jDriver");

        assertThatThrownBy(() -> gate.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be prepared");
        assertThatThrownBy(driver::session)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the graph's start-up and migrations failed");
        assertThat(gate.open()).isFalse();
        assertThat(new GraphHealth(gate, provider(driver)).health().getStatus()).isEqualTo(Status.DOWN);
        unreachable.close();
    }

    private static long migrationFiles() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath*:graph-model/migrations/*.cypher").length;
    }

    private static ObjectProvider<Driver> provider(Driver driver) {
        return new ObjectProvider<>() {
            @Override
            public Driver getObject(Object... args) {
                return driver;
            }

            @Override
            public Driver getIfAvailable() {
                return driver;
            }

            @Override
            public Driver getIfUnique() {
                return driver;
            }

            @Override
            public Driver getObject() {
                return driver;
            }
        };
    }
}
