package kz.reentry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.apollographql.federation.graphqljava.tracing.FederatedTracingInstrumentation;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checks of Apollo's subgraph compatibility suite that apply to this subgraph. */
class FederationIT extends HubIntegrationTest {

    @Test
    @DisplayName("_service returns the SDL with the federation @link, two @keys on Person, @shareable, @tag and @inaccessible")
    void serviceSdl() {
        String sdl = graphQl("kuis-demo").documentName("service").executeSync().field("_service.sdl").getValue();

        assertThat(sdl).contains("@link(").contains("https://specs.apollo.dev/federation/v2.9")
                .containsPattern("type Person @key\\(fields : \"iin\"[^)]*\\) @key\\(fields : \"id\"")
                .contains("type PageInfo @shareable")
                .contains("surname: String! @tag(name : \"personal-data\")")
                .contains("sourceMessageId: String @inaccessible");
    }

    @Test
    @DisplayName("_entities resolves persons by either key, in the order asked, with one database query for the whole batch")
    void entitiesByEitherKeyInOneQuery() {
        List<ReleaseRecords> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(ReleaseRecords.validRelease(LocalDate.of(2033, 1, 10 + i)));
            postRelease(records.get(i).json());
        }
        List<String> ids = records.stream().map(r -> hubId(r.iin())).toList();
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            representations.add(i % 2 == 0
                    ? Map.of("__typename", "Person", "iin", records.get(i).iin())
                    : Map.of("__typename", "Person", "id", ids.get(i)));
        }

        cypherQueries.reset();
        var reply = graphQl("kuis-demo").documentName("entityKeys").variable("representations", representations)
                .executeSync();
        List<String> queries = cypherQueries.texts();

        assertThat(reply.getErrors()).isEmpty();
        for (int i = 0; i < records.size(); i++) {
            assertThat((Object) reply.field("_entities[" + i + "].iin").getValue()).isEqualTo(records.get(i).iin());
            assertThat((Object) reply.field("_entities[" + i + "].id").getValue()).isEqualTo(ids.get(i));
        }
        assertThat(queries).as("Cypher statements for six persons by two kinds of key").hasSize(1);
    }

    @Test
    @DisplayName("_entities with a nested field costs one more query per level, not one per person: the same for two persons as for six")
    void entitiesWithNestedFieldsBatched() {
        assertThat(queriesForEntitiesWithInstitution(2)).isEqualTo(queriesForEntitiesWithInstitution(6))
                // one for the persons, and for their institutions the episodes and the institutions
                .isEqualTo(3);
    }

    private int queriesForEntitiesWithInstitution(int persons) {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            var record = ReleaseRecords.validRelease(LocalDate.of(2033, 2, 1 + i));
            postRelease(record.json());
            representations.add(Map.of("__typename", "Person", "iin", record.iin()));
        }
        cypherQueries.reset();
        var reply = graphQl("kuis-demo").documentName("entitiesByKey").variable("representations", representations)
                .executeSync();
        int queries = cypherQueries.count();
        assertThat(reply.getErrors()).isEmpty();
        assertThat(reply.field("_entities").toEntityList(Map.class)).hasSize(persons)
                .allSatisfy(person -> assertThat(person.get("institution")).isNotNull());
        return queries;
    }

    @Test
    @DisplayName("with apollo-federation-include-trace: ftv1 the response carries a federated trace; without it, none")
    void federatedTracing() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2033, 2, 1));
        postRelease(record.json());

        var traced = graphQl("kuis-demo").mutate()
                .header(FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_NAME, "ftv1").build()
                .documentName("personView").variable("iin", record.iin()).executeSync();
        var untraced = graphQl("kuis-demo").documentName("personView").variable("iin", record.iin()).executeSync();

        assertThat(traced.getExtensions()).containsKey("ftv1");
        assertThat((String) traced.getExtensions().get("ftv1")).isNotBlank();
        assertThat(untraced.getExtensions()).doesNotContainKey("ftv1");
    }

    private String hubId(String iin) {
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id").withParameters(Map.of("iin", iin))
                .execute().records().getFirst().get("id").asString();
    }
}
