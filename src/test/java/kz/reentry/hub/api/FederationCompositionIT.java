package kz.reentry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.NodeTooling;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * The hub's SDL against Apollo's real composer and gateway (npm packages of src/test/federation),
 * together with example subgraphs of the health and labour ministries that extend Person.
 */
class FederationCompositionIT extends HubIntegrationTest {

    private static final Path WORK = Path.of("target/federation").toAbsolutePath();

    @BeforeAll
    static void nodeTooling() throws IOException {
        NodeTooling.ensureInstalled();
        Files.createDirectories(WORK);
    }

    @Test
    @DisplayName("the hub composes with a health subgraph (Person by IIN) and a labour subgraph (Person by id, shared PageInfo)")
    void composesWithMinistrySubgraphs() throws IOException {
        var result = compose(writeHubSdl(), "health=subgraphs/health.graphql", "labour=subgraphs/labour.graphql");

        assertThat(result.exitCode()).as(result.output()).isZero();
        String supergraph = Files.readString(WORK.resolve("supergraph.graphql"));
        assertThat(supergraph).contains("clinicVisits").contains("jobHistory")
                .contains("@join__type(graph: HUB, key: \"iin\"").contains("@join__type(graph: HUB, key: \"id\"")
                .contains("@join__type(graph: HEALTH, key: \"iin\")").contains("@join__type(graph: LABOUR, key: \"id\")");
        String apiSchema = Files.readString(WORK.resolve("api-schema.graphql"));
        String person = apiSchema.substring(apiSchema.indexOf("type Person {"));
        person = person.substring(0, person.indexOf("\n}"));
        assertThat(apiSchema).contains("upcomingReleases");
        assertThat(person).contains("surname: String!").contains("jobHistory").doesNotContain("sourceMessageId");
    }

    @Test
    @DisplayName("composition fails, naming the conflict, when another subgraph gives a hub field another type")
    void compositionCatchesConflicts() throws IOException {
        Path conflicting = WORK.resolve("conflicting.graphql");
        Files.writeString(conflicting, """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])
                type Person @key(fields: "iin") {
                  iin: ID!
                  birthDate: Int! @shareable
                }
                """);

        var result = compose(writeHubSdl(), "conflicting=" + conflicting);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("birthDate");
    }

    @Test
    @DisplayName("a federated query through Apollo Gateway joins the hub's person with the labour subgraph's job history")
    void federatedQueryThroughGateway() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2033, 5, 5));
        postRelease(record.json());
        String token = tokenFor("probation-demo");

        try (var gateway = NodeTooling.startAndAwait(List.of("node", "gateway.mjs", "http://localhost:" + port + "/graphql"),
                Map.of("HUB_TOKEN", token), "GATEWAY_URL")) {
            var client = HttpSyncGraphQlClient.builder(RestClient.create(gateway.value()))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-End-User", END_USER).header("X-Purpose", PURPOSE).build();

            var reply = client.document("""
                    query ($iin: ID!) {
                      person(iin: $iin) { id surname plannedRelease { date } jobHistory { employer from } }
                    }
                    """).variable("iin", record.iin()).executeSync();

            assertThat(reply.getErrors()).isEmpty();
            String hubId = reply.field("person.id").getValue();
            assertThat((Object) reply.field("person.surname").getValue()).isEqualTo("Жұмабекова");
            assertThat((Object) reply.field("person.plannedRelease.date").getValue()).isEqualTo("2033-05-05");
            assertThat((Object) reply.field("person.jobHistory[0].employer").getValue()).isEqualTo("employer of " + hubId);
        }
    }

    private String writeHubSdl() throws IOException {
        String sdl = graphQl("kuis-demo").documentName("service").executeSync().field("_service.sdl").getValue();
        Path file = WORK.resolve("hub.graphql");
        Files.writeString(file, sdl);
        return "hub=" + file;
    }

    private static NodeTooling.Result compose(String... subgraphs) {
        var command = new java.util.ArrayList<>(List.of("node", "compose.mjs", WORK.toString()));
        command.addAll(List.of(subgraphs));
        return NodeTooling.run(command, Map.of(), 120);
    }
}
