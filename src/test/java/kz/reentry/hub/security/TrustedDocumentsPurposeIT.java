package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StrictEdgeHub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * With trusted documents on, an operation may be sent by its hash alone. The purpose check decides on
 * the registered text the hash stands for, not on the (empty) text sent in its place: reading a person
 * by hash needs X-End-User and X-Purpose like reading them by text. (Over graphql-ws, Spring refuses a
 * subscribe message without a query text before the hub sees it.)
 */
class TrustedDocumentsPurposeIT extends StrictEdgeHub {

    @ParameterizedTest(name = "query sent as {0}")
    @ValueSource(strings = {"empty", "blank", "absent"})
    @DisplayName("a persisted query sent by its hash alone, without X-End-User, is refused for its purpose and the refusal is logged")
    void byHashNeedsThePurposeHeaders(String query) throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.of(2032, 3, 3));
        filed(record);
        String iin = record.iin();
        String purpose = DisclosureLog.uniqueEndUser("purpose-by-hash");

        Map<String, Object> body = byHash("personView", iin);
        if (!query.equals("absent")) {
            body.put("query", query.equals("empty") ? "" : "   ");
        }
        JsonNode reply = http.post().uri("/graphql").header("Authorization", "Bearer " + tokenFor("kuis-demo"))
                .header("X-Purpose", purpose).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class);

        assertThat(reply.has("data") && !reply.get("data").isNull()).as("data in %s", reply).isFalse();
        assertThat(reply.toString()).contains("request.purpose").doesNotContain(iin);
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "KZ-KUIS")))
                .filteredOn(entry -> purpose.equals(entry.get("purpose"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: no X-End-User or X-Purpose"));
    }

    @Test
    @DisplayName("with the headers, the same persisted query by its hash reads the person, and the disclosure names who asked")
    void byHashWithThePurposeHeaders() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2032, 4, 4));
        String person = filed(record);
        String endUser = DisclosureLog.uniqueEndUser("reader-by-hash");

        JsonNode reply = http.post().uri("/graphql").header("Authorization", "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(byHash("personView", record.iin()))
                .retrieve().body(JsonNode.class);

        assertThat(reply.get("data").get("person").get("iin").asString()).isEqualTo(record.iin());
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "DISCLOSED"));
    }

    /** A request body naming a registered operation (of graphql-test/) by its SHA-256 only. */
    private Map<String, Object> byHash(String document, String iin) {
        String text;
        try (var in = getClass().getResourceAsStream("/graphql-test/" + document + ".graphql")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("variables", Map.of("iin", iin));
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", Sha256.hex(text.strip()))));
        return body;
    }
}
