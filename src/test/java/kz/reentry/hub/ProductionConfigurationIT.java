package kz.reentry.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import kz.reentry.hub.graphiql.GraphiQlPage;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInIdentityProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The hub as a ministry runs it: NEO4J_URI names its Neo4j (here a separate server reached through a
 * {@code neo4j://} routing URI) and HUB_ISSUER_URI its identity provider (here a stand-in on
 * localhost). The hub then starts neither its embedded database nor its embedded token issuer.
 */
class ProductionConfigurationIT {

    @Test
    @DisplayName("with NEO4J_URI and HUB_ISSUER_URI set and the production profile, the hub uses that server, trusts only that issuer and only its tokens for the hub, starts neither embedded stand-in, serves no GraphiQL, allows no introspection and, with trusted documents on, only registered operations")
    void externalGraphAndIssuer(@TempDir Path serverHome) throws Exception {
        try (var neo4jServer = EmbeddedNeo4j.start(serverHome, 0, 32L * 1024 * 1024);
             var identityProvider = new StandInIdentityProvider();
             ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(
                     "--NEO4J_URI=neo4j://127.0.0.1:" + neo4jServer.boltUri().getPort(),
                     "--NEO4J_USER=neo4j", "--NEO4J_PASSWORD=unused",
                     "--HUB_ISSUER_URI=" + identityProvider.issuer(),
                     "--server.port=0",
                     "--hub.intake.servlet-name=ProductionConfigurationHubServlet",
                     "--hub.disclosure.journal=" + serverHome.resolve("disclosure-journal.jsonl"),
                     "--spring.profiles.active=production",
                     "--hub.edge.trusted-documents.enabled=true",
                     "--hub.edge.trusted-documents.location=classpath:graphql-test/");
             var serverDriver = GraphDatabase.driver(neo4jServer.boltUri(), AuthTokens.none(),
                     Config.builder().withoutEncryption().build())) {

            assertThat(hub.getBeansOfType(EmbeddedNeo4j.class)).isEmpty();
            assertThat(hub.getBeansOfType(RegisteredClientRepository.class)).isEmpty();
            var http = RestClient.builder().baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"))
                    .defaultStatusHandler(status -> true, (request, response) -> {
                    }).build();

            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            int demoTokenStatus = http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("kuis-demo", "kuis-demo-secret"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(demoTokenStatus).isEqualTo(401);
            // no GraphiQL: neither its page nor the files it loads
            for (String path : List.of("/graphiql?path=/graphql", GraphiQlPage.ASSETS.getFirst())) {
                int status = http.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
                assertThat(status).as(path).isEqualTo(401);
            }

            var record = ReleaseRecords.validRelease(LocalDate.of(2027, 10, 10));
            String token = identityProvider.tokenFor("kuis-central-db", "KZ-KUIS", List.of("RELEASE_INTAKE"));
            JsonNode reply = http.post().uri("/intake/releases").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body(record.json())
                    .retrieve().body(JsonNode.class);

            assertThat(reply.get("status").asString()).isEqualTo("ACCEPTED");
            var filed = serverDriver.executableQuery("""
                            MATCH (m:InboundMessage {sender: 'kuis-central-db'})-[:CONCERNS]->(p:Person {iin: $iin})
                            RETURN count(p) AS n""")
                    .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("n").asLong();
            assertThat(filed).isEqualTo(1);
            // the same identity provider's token for another service is not one for the hub
            String otherAudience = identityProvider.tokenFor("kuis-central-db", "KZ-KUIS", List.of("RELEASE_INTAKE"), "kuis-archive");
            int otherAudienceStatus = http.post().uri("/intake/releases").header("Authorization", "Bearer " + otherAudience)
                    .contentType(MediaType.APPLICATION_JSON).body(ReleaseRecords.validRelease(LocalDate.of(2027, 10, 11)).json())
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(otherAudienceStatus).isEqualTo(401);

            String introspection = http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"{ __schema { types { name } } }\"}")
                    .retrieve().body(String.class);
            String registeredText = new String(getClass().getResourceAsStream("/graphql-test/service.graphql").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            String sdl = http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("query", registeredText))
                    .retrieve().body(String.class);
            // by its hash alone the operation is unknown until looked up, so the purpose headers are needed
            String sdlByHash = http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                    .header("X-End-User", "officer-1").header("X-Purpose", "case-1")
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("extensions", Map.of("persistedQuery",
                            Map.of("version", 1, "sha256Hash", Sha256.hex(registeredText.strip())))))
                    .retrieve().body(String.class);
            String unregistered = http.post().uri("/graphql").header("Authorization", "Bearer " + token)
                    .header("X-End-User", "officer-1").header("X-Purpose", "case-1")
                    .contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"{ parties(first: 5) { edges { node { code } } } }\"}")
                    .retrieve().body(String.class);
            assertThat(introspection).contains("errors").doesNotContain("\"types\"");
            assertThat(sdl).contains("type Person");
            assertThat(sdlByHash).contains("type Person");
            assertThat(unregistered).contains("PERSISTED_QUERY_NOT_FOUND").doesNotContain("\"data\":{");
        }
    }
}
