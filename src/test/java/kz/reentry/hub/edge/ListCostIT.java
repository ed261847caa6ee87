package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Lists without {@code first} count as many items as they can hold, so that a few hundred bytes of
 * query cycling through reference data (party, serves, districts, region, districts, ...) are refused
 * before they run, instead of answering hundreds of thousands of objects.
 */
class ListCostIT extends HubIntegrationTest {

    /** 223 bytes; before, it answered 262,144 district codes (about 6.5 MB) after 6 to 23 seconds. */
    static final String CYCLE = "{ party(code: \"KZ-MIO-75\") { ... on Agency { serves { ... on Region { districts { region { "
            + "districts { region { districts { region { districts { region { districts { region { districts { code } } } } } } } } } } } } } } } }";

    @Test
    @DisplayName("a small query cycling through reference data is refused before it runs, naming the limit, and the refusal is logged")
    void cycleThroughReferenceData() {
        String endUser = DisclosureLog.uniqueEndUser("cycler");
        long started = System.nanoTime();
        JsonNode reply = post(CYCLE, endUser);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(reply.has("data") && !reply.get("data").isNull()).as("data in the answer").isFalse();
        JsonNode error = reply.get("errors").get(0);
        assertThat(error.get("message").asString()).contains("hub.edge.max-complexity").contains("200000");
        assertThat(error.get("extensions").get("rule").asString()).isEqualTo("edge.max-complexity");
        assertThat(millis).as("refused before it ran").isLessThan(3_000);
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-KUIS"), endUser))
                .singleElement().satisfies(entry -> assertThat((String) entry.get("operation")).contains("refused by a limit")
                        .contains("hub.edge.max-complexity"));
    }

    @Test
    @DisplayName("reference data nested as far as a screen needs it still answers")
    void referenceDataAsAScreenNeedsIt() {
        JsonNode reply = post("{ party(code: \"KZ-MIO-75\") { code ... on Agency { serves { ... on Region { code districts { code name "
                + "region { code } } } } } } }", END_USER);

        assertThat(reply.has("errors")).as("errors in %s", reply).isFalse();
        assertThat(reply.get("data").get("party").get("serves").get(0).get("districts").size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    @DisplayName("_entities counts its representations: many of them, each with nested lists, are refused before they run")
    void entitiesCountTheirRepresentations() {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            representations.add(Map.of("__typename", "Region", "code", "KZ-75"));
        }
        var reply = graphQl("kuis-demo").document("""
                        query ($representations: [_Any!]!) {
                          _entities(representations: $representations) { ... on Region { districts { region { districts { code } } } } }
                        }""").variable("representations", representations).executeSync();

        assertThat(reply.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getExtensions()).containsEntry("rule", "edge.max-complexity");
        });
        assertThat((Object) reply.field("_entities").getValue()).isNull();
    }

    private JsonNode post(String query, String endUser) {
        return http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("query", query))
                .retrieve().body(JsonNode.class);
    }
}
