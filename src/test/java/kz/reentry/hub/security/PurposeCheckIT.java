package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.springframework.http.MediaType;

/**
 * Only a document that is schema metadata and nothing else may be sent without X-End-User and
 * X-Purpose. A document the check cannot read (empty, unparseable) is not let through as if it were
 * metadata: it needs the headers like any other.
 */
class PurposeCheckIT extends HubIntegrationTest {

    @ParameterizedTest(name = "document: \"{0}\"")
    @ValueSource(strings = {"", "   ", "{ person(iin: ", "query { __typename } query", "}{"})
    @DisplayName("an empty or unparseable document without X-End-User is refused for its purpose, and the refusal is logged")
    void unreadableDocumentNeedsTheHeaders(String document) {
        String purpose = DisclosureLog.uniqueEndUser("unreadable");
        String reply = http.post().uri("/graphql").header("Authorization", "Bearer " + tokenFor("kuis-demo"))
                .header("X-Purpose", purpose).contentType(MediaType.APPLICATION_JSON).body(Map.of("query", document))
                .retrieve().body(String.class);

        assertThat(reply).contains("request.purpose").doesNotContain("\"data\":{");
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "KZ-KUIS")))
                .filteredOn(entry -> purpose.equals(entry.get("purpose"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED"));
    }
}
