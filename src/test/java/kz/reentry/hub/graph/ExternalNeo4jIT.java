package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import kz.reentry.hub.HubApplication;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * With NEO4J_URI set the hub starts no database of its own and works against the server named,
 * here a separate Neo4j reached through a {@code neo4j://} routing URI.
 */
class ExternalNeo4jIT {

    @Test
    @DisplayName("with NEO4J_URI set to a neo4j:// routing URI the hub uses that server and starts no embedded database")
    void externalServer(@TempDir Path serverHome) {
        try (var server = EmbeddedNeo4j.start(serverHome, 0, 32L * 1024 * 1024);
             ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(
                     "--NEO4J_URI=neo4j://127.0.0.1:" + server.boltUri().getPort(),
                     "--NEO4J_USER=neo4j", "--NEO4J_PASSWORD=unused",
                     "--server.port=0",
                     "--hub.intake.servlet-name=ExternalNeo4jHubServlet",
                     "--hub.security.embedded-issuer.issuer=http://hub.test");
             var serverDriver = GraphDatabase.driver(server.boltUri(), AuthTokens.none(),
                     Config.builder().withoutEncryption().build())) {

            assertThat(hub.getBeansOfType(EmbeddedNeo4j.class)).isEmpty();
            int port = hub.getEnvironment().getProperty("local.server.port", Integer.class);
            var http = RestClient.create("http://localhost:" + port);
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            String token = http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("kuis-demo", "kuis-demo-secret"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(JsonNode.class).get("access_token").asString();
            var record = ReleaseRecords.validRelease(LocalDate.of(2027, 10, 10));

            String status = http.post().uri("/intake/releases").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body(record.json())
                    .retrieve().body(JsonNode.class).get("status").asString();

            assertThat(status).isEqualTo("ACCEPTED");
            long persons = serverDriver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n")
                    .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("n").asLong();
            assertThat(persons).isEqualTo(1);
        }
    }
}
