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

/** The hardened edge: operations and requests beyond the limits are refused before they cost anything. */
class EdgeIT extends HubIntegrationTest {

    @Test
    @DisplayName("a depth bomb is refused without data, and the refusal is in the disclosure log")
    void depthBomb() {
        String nested = "iin";
        for (int i = 0; i < 8; i++) {
            nested = "custodyEpisodes { plannedRelease { person { " + nested + " } } }";
        }
        String endUser = DisclosureLog.uniqueEndUser("depth-bomber");
        String response = post("{ person(iin: \\\"900101300007\\\") { " + nested + " } }", endUser);

        assertRefused(response);
        assertThat(response).contains("depth");
        assertThat(refusalsLoggedFor("KZ-KUIS", endUser)).singleElement()
                .satisfies(operation -> assertThat(operation).contains("refused by a limit").contains("depth"));
    }

    @Test
    @DisplayName("a circular introspection query is refused, and this very request is in the disclosure log as refused by a limit")
    void circularIntrospection() {
        String nested = "name";
        for (int i = 0; i < 10; i++) {
            nested = "fields { type { " + nested + " } }";
        }
        String endUser = DisclosureLog.uniqueEndUser("introspector");
        assertRefused(post("{ __schema { types { " + nested + " } } }", endUser));
        assertThat(refusalsLoggedFor("KZ-KUIS", endUser)).singleElement()
                .satisfies(operation -> assertThat(operation).contains("refused by a limit").contains("depth"));
    }

    @Test
    @DisplayName("an alias flood is refused, and this very request is in the disclosure log as refused by a limit")
    void aliasFlood() {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 40; i++) {
            query.append("a").append(i).append(": __typename ");
        }
        String endUser = DisclosureLog.uniqueEndUser("alias-flooder");
        assertRefused(post(query.append("}").toString(), endUser));
        assertThat(refusalsLoggedFor("KZ-KUIS", endUser)).singleElement()
                .satisfies(operation -> assertThat(operation).contains("refused by a limit").contains("alias"));
    }

    @Test
    @DisplayName("an operation whose pages multiply past the complexity limit is refused")
    void complexity() {
        String page = "upcomingReleases(from: \\\"2027-01-01\\\", to: \\\"2031-12-31\\\", first: 500) { edges { node { "
                + "person { referrals { history { status at by agency note } from { code name } to { code name } "
                + "person { surname givenName patronymic birthDate } } } } } }";
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 8; i++) {
            query.append("p").append(i).append(": ").append(page).append(' ');
        }
        assertRefused(post(query.append("}").toString()));
    }

    @Test
    @DisplayName("a batch of operations in one request is refused, and the refusal is logged")
    void batchFlood() {
        var batch = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 50; i++) {
            batch.add(Map.of("query", "{ __typename }"));
        }
        String endUser = DisclosureLog.uniqueEndUser("batcher");
        int status = http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(batch))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(400);
        assertThat(refusalsLoggedFor("KZ-KUIS", endUser)).containsExactly("REFUSED at the edge: 400 /graphql");
    }

    @Test
    @DisplayName("a mutation over GET, or posted as a form, is refused, and the refusals are logged")
    void noMutationOutsideJsonPost() {
        String mutation = "mutation { closeProgramme(id: \"x\", note: \"y\") { id } }";
        String getter = DisclosureLog.uniqueEndUser("mutation-over-get");
        int get = http.get().uri(b -> b.path("/graphql").queryParam("query", "{query}").build(mutation))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", getter).header("X-Purpose", PURPOSE)
                .exchange((request, response) -> response.getStatusCode().value());
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("query", mutation);
        String poster = DisclosureLog.uniqueEndUser("mutation-as-form");
        int formPost = http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", poster).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(get).isEqualTo(405);
        assertThat(formPost).isEqualTo(415);
        assertThat(refusalsLoggedFor("KZ-KUIS", getter)).containsExactly("REFUSED at the edge: 405 /graphql");
        assertThat(refusalsLoggedFor("KZ-KUIS", poster)).containsExactly("REFUSED at the edge: 415 /graphql");
    }

    @Test
    @DisplayName("a request body over the size limit is refused with 413 before it is read, and the refusal is logged")
    void requestSize() {
        String padding = "x".repeat(1_200_000);
        String endUser = DisclosureLog.uniqueEndUser("oversized");
        int status = http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"{ __typename }\", \"padding\": \"" + padding + "\"}")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(413);
        // refused before the token is even checked, so recorded without a client
        assertThat(refusalsLoggedFor("unknown", endUser)).containsExactly("REFUSED at the edge: 413 /graphql");
    }

    @Test
    @DisplayName("a chunked request body over the size limit is refused with 413 too")
    void chunkedRequestSize() throws Exception {
        String body = "{\"query\": \"{ __typename }\", \"padding\": \"" + "x".repeat(1_200_000) + "\"}";
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", "Bearer " + tokenFor("kuis-demo")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes())))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("a client over its rate gets 429 with Retry-After, and another client is not slowed")
    void rateLimit() throws Exception {
        String token = tokenFor("flood-test");
        String endUser = DisclosureLog.uniqueEndUser("flooder");
        List<java.util.concurrent.Future<Integer>> replies = new ArrayList<>();
        // all at once, so that how fast the machine answers does not decide whether the rate is exceeded
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                replies.add(executor.submit(() -> http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("X-End-User", endUser).header("X-Purpose", PURPOSE).contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"{ __typename }\"}")
                        .exchange((request, response) -> response.getStatusCode().value())));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (var reply : replies) {
            statuses.add(reply.get());
        }
        String other = post("{ __typename }");

        assertThat(statuses).contains(429).contains(200);
        assertThat(other).contains("\"__typename\":\"Query\"");
        // every 429 answered is in the log (the HTTP client may have retried a refused request on its own)
        assertThat(refusalsLoggedFor("KZ-OVD-75", endUser))
                .hasSizeGreaterThanOrEqualTo((int) statuses.stream().filter(status -> status == 429).count())
                .allSatisfy(operation -> assertThat(operation).isEqualTo("REFUSED at the edge: 429 /graphql"));
    }

    /** The operations of the REFUSED entries caused by this end user's requests on behalf of an agency. */
    private List<String> refusalsLoggedFor(String agency, String endUser) {
        return DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", agency), endUser).stream()
                .filter(entry -> "REFUSED".equals(entry.get("outcome"))).map(entry -> (String) entry.get("operation")).toList();
    }

    private String post(String query) {
        return post(query, END_USER);
    }

    private String post(String query, String endUser) {
        return http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"" + query + "\"}")
                .retrieve().body(String.class);
    }

    /** Refused by a limit: errors and no data, and not for a missing purpose header. */
    private static void assertRefused(String response) {
        assertThat(response).contains("\"errors\"").doesNotContain("\"data\":{").doesNotContain("request.purpose");
    }
}
