package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GraphMigrationsIT extends HubIntegrationTest {

    private static final Path MIGRATIONS = Path.of("graph-model", "migrations");

    @Test
    @DisplayName("at start-up the migrations create the keys and load the reference data of both jurisdictions")
    void appliedAtStartUp() {
        List<String> constraints = driver.executableQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
                .execute().records().getFirst().get("names").asList(v -> v.asString());
        assertThat(constraints).contains("person_iin", "custody_episode_id", "planned_release_id", "dead_letter_id");
        assertThat(count("MATCH (:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'}) RETURN count(*)", Map.of()))
                .isEqualTo(20);
        assertThat(count("MATCH (:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'BY'}) RETURN count(*)", Map.of()))
                .isEqualTo(7);
        assertThat(count("MATCH (:Agency {code: 'KZ-SP'})-[:PART_OF]->(:Agency {code: 'KZ-KUIS'}) RETURN count(*)", Map.of()))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("every migration file in graph-model/migrations is recorded as applied, by its name and the checksum of its content, and nothing else is")
    void everyFileApplied() throws IOException {
        Map<String, String> applied = driver.executableQuery("MATCH (m:__Migration) RETURN m.name AS name, m.checksum AS checksum")
                .execute().records().stream()
                .collect(Collectors.toMap(r -> r.get("name").asString(), r -> r.get("checksum").asString()));

        Map<String, String> files = migrationFiles();
        assertThat(files).as("migration files found in %s", MIGRATIONS.toAbsolutePath()).isNotEmpty();
        assertThat(applied).isEqualTo(files);
    }

    /** Each file's name and the SHA-256 (hex) of its text, computed here, not by the hub's own code. */
    private static Map<String, String> migrationFiles() throws IOException {
        try (Stream<Path> paths = Files.list(MIGRATIONS)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".cypher"))
                    .collect(Collectors.toMap(path -> path.getFileName().toString(), GraphMigrationsIT::sha256));
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
