package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the edge answers, whatever the request: a clear status and message in the caller's terms, never
 * the hub's internals (Spring's or Camel's messages, the hub's own headers, its components).
 */
class EdgeAnswersIT extends HubIntegrationTest {

    /** Headers an answer may carry: the content's, the connection's, and Spring Security's protective ones. */
    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "date",
            "connection", "keep-alive", "x-content-type-options", "x-xss-protection", "cache-control", "pragma", "expires",
            "x-frame-options");

    private final HttpClient client = HttpClient.newHttpClient();

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/*", "*/*", "*/json", "not a type"})
    @DisplayName("a wildcard or malformed Content-Type is refused with 415 on every endpoint, never a 500, and logged")
    void wildcardContentType(String contentType) throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("wildcard-sender");
        for (var call : List.of(List.of("POST", "/graphql"), List.of("POST", "/intake/releases"), List.of("GET", "/actuator/health"),
                List.of("GET", "/disclosures/subject-access/someone"))) {
            var request = HttpRequest.newBuilder(uri(call.get(1))).header("Authorization", "Bearer " + tokenFor("kuis-demo"))
                    .header("X-End-User", endUser).header("X-Purpose", PURPOSE).header("Content-Type", contentType)
                    .method(call.get(0), HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(call.toString()).isEqualTo(415);
            assertThat(response.body()).as(call.toString()).startsWith("{\"status\":415,\"message\":\"Content-Type must name");
        }
        // refused before the token is read, so recorded without a client
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "unknown"), endUser))
                .extracting(entry -> entry.get("operation")).contains("REFUSED at the edge: 415 /graphql",
                        "REFUSED at the edge: 415 /actuator/health");
    }

    @Test
    @DisplayName("health tells everyone, with a token or without, only UP or DOWN: no components, no details, no other actuator")
    void healthIsOnlyAStatus() throws Exception {
        for (String token : new String[]{null, tokenFor("kuis-demo"), tokenFor("prosecutor-demo")}) {
            var request = HttpRequest.newBuilder(uri("/actuator/health"));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // the status, and the names of the probe groups a platform may ask (liveness, readiness): no component
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}"));

            for (String other : List.of("/actuator/health/neo4j", "/actuator/health/camelHealth", "/actuator/info", "/actuator")) {
                var otherRequest = HttpRequest.newBuilder(uri(other));
                if (token != null) {
                    otherRequest.header("Authorization", "Bearer " + token);
                }
                assertThat(client.send(otherRequest.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as(other).isEqualTo(token == null ? 401 : 403);
            }
        }
    }

    @Test
    @DisplayName("the HTTP intake answers with its own headers only, filed or rejected: never the request's Authorization or the hub's internal headers")
    void intakeAnswersWithItsOwnHeadersOnly() throws Exception {
        String token = tokenFor("kuis-demo");
        var accepted = postIntake(ReleaseRecords.validRelease(LocalDate.of(2031, 6, 6)).json(), token);
        var rejected = postIntake("{\"person\": {\"iin\": \"900101300008\"}}", token);

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(rejected.statusCode()).isEqualTo(400);
        for (var response : List.of(accepted, rejected)) {
            assertThat(response.headers().map().keySet()).allSatisfy(name ->
                    assertThat(name.toLowerCase(Locale.ROOT)).as("header of a %d answer", response.statusCode()).isIn(ANSWER_HEADERS));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).doesNotContain(token);
        }
    }

    @Test
    @DisplayName("_entities answers a representation it cannot resolve in the caller's terms: an unknown type, a key of the wrong type, a missing key field")
    void entitiesErrorsInTheCallersTerms() {
        var reply = graphQl("kuis-demo").documentName("entities").variable("representations", List.of(
                Map.of("__typename", "Nope", "id", "x"),
                Map.of("__typename", "Person", "iin", List.of("900101300007")),
                Map.of("__typename", "District"))).executeSync();

        var errors = reply.getErrors();
        assertThat(errors).hasSize(3);
        assertThat(errors).allSatisfy(error -> assertThat(error.getMessage())
                .doesNotContainIgnoringCase("exception").doesNotContain("org.").doesNotContain("java.")
                .doesNotContain("springframework").doesNotContain("entity fetcher").doesNotContain("Binding"));
        assertThat(errors.get(0).getErrorType().toString()).isEqualTo("BAD_REQUEST");
        assertThat(errors.get(1).getErrorType().toString()).isEqualTo("BAD_REQUEST");
        // a representation without its key field is the caller's mistake, named as such
        assertThat(errors.get(2).getErrorType().toString()).isEqualTo("BAD_REQUEST");
        assertThat(errors.get(2).getExtensions()).containsEntry("rule", "representation.key");
        assertThat(errors.get(2).getMessage()).contains("District").contains("'code'");
    }

    @Test
    @DisplayName("a forged or malformed token is refused with 401 whose description names no library internals")
    void badTokenDescription() throws Exception {
        for (String token : List.of("garbage", tokenFor("kuis-demo") + "x")) {
            var request = HttpRequest.newBuilder(uri("/graphql")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}"))
                    .build();
            var response = client.send(request, HttpResponse.BodyHandlers.discarding());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                    .contains("error=\"invalid_token\"").doesNotContain("Jwt").doesNotContain("JWT").doesNotContain("decode"));
        }
    }

    private HttpResponse<String> postIntake(String json, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri("/intake/releases?hubReplayTo=direct:elsewhere"))
                .header("Authorization", "Bearer " + token).header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .header("X-Correlation", "echo-me").header("hubChannel", "forged")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
