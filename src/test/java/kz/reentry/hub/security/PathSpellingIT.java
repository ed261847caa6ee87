package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint's access rule holds whatever the spelling of its path: each endpoint is called by its
 * canonical path and by every other spelling of it (letter case, trailing slash, doubled slash, dot
 * segments, path parameters, percent-encoding), as each relevant demo client and without a token. A
 * spelling other than the canonical one is refused outright, never served: 400 when the path is not
 * spelled plainly (encoded characters, dot or empty segments, path parameters), and otherwise, being a
 * path no rule names, 401 without a token and 403 with one (deny by default).
 */
class PathSpellingIT extends HubIntegrationTest {

    private static final String ANONYMOUS = "(no token)";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** How a path is spelled otherwise, and whether the spelling itself is malformed (400) or just another path. */
    enum Spelling {
        TRAILING_SLASH(false), UPPER_CASE(false), CAPITALISED(false),
        DOUBLE_SLASH(true), DOT_SEGMENT(true), DOT_DOT_SEGMENT(true), PATH_PARAMETER(true),
        PATH_PARAMETER_INSIDE(true), ENCODED_LETTER(true), ENCODED_SLASH(true);

        final boolean malformed;

        Spelling(boolean malformed) {
            this.malformed = malformed;
        }

        String of(String path) {
            int lastSlash = path.lastIndexOf('/');
            String head = path.substring(0, lastSlash);
            String last = path.substring(lastSlash + 1);
            return switch (this) {
                case TRAILING_SLASH -> path + "/";
                case UPPER_CASE -> path.toUpperCase(java.util.Locale.ROOT);
                case CAPITALISED -> "/" + Character.toUpperCase(path.charAt(1)) + path.substring(2);
                case DOUBLE_SLASH -> head + "//" + last;
                case DOT_SEGMENT -> head + "/./" + last;
                case DOT_DOT_SEGMENT -> head + "/x/../" + last;
                case PATH_PARAMETER -> path + ";x=1";
                case PATH_PARAMETER_INSIDE -> head.isEmpty() ? "/;x=1/" + last : head + ";x=1/" + last;
                case ENCODED_LETTER -> head + "/%" + Integer.toHexString(last.charAt(0)).toUpperCase(java.util.Locale.ROOT) + last.substring(1);
                case ENCODED_SLASH -> (head.isEmpty() ? "/" : head) + "%2F" + last;
            };
        }
    }

    /** One endpoint: its canonical request, and the clients that matter with what each gets on the canonical path. */
    private record Endpoint(String method, String path, Map<String, Integer> canonicalStatus, Supplier<String> body,
                            String contentType, boolean bearer) {
    }

    @Test
    @DisplayName("every endpoint refuses every other spelling of its path, for every relevant client, and no intake record is filed through one")
    void everyOtherSpellingIsRefused() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2031, 4, 4)));
        List<String> postedIins = new ArrayList<>();
        Supplier<String> record = () -> {
            var release = ReleaseRecords.validRelease(LocalDate.of(2031, 5, 5));
            postedIins.add(release.iin());
            return release.json();
        };
        var endpoints = List.of(
                new Endpoint("POST", "/intake/releases", statuses("kuis-demo", 200, "ngo-demo", 403, "probation-demo", 403,
                        "prosecutor-demo", 403, ANONYMOUS, 401), record, "application/json", true),
                new Endpoint("POST", "/graphql", statuses("ngo-demo", 200, "probation-demo", 200, ANONYMOUS, 401),
                        () -> "{\"query\": \"{ __typename }\"}", "application/json", true),
                new Endpoint("GET", "/disclosures/subject-access/" + person, statuses("prosecutor-demo", 200, "ngo-demo", 403,
                        "kuis-demo", 403, ANONYMOUS, 401), null, null, true),
                new Endpoint("GET", "/actuator/health", statuses(ANONYMOUS, 200, "ngo-demo", 200), null, null, true),
                new Endpoint("GET", "/graphiql", statuses(ANONYMOUS, 307), null, null, true),
                new Endpoint("GET", "/oauth2/jwks", statuses(ANONYMOUS, 200), null, null, true),
                new Endpoint("POST", "/oauth2/token", statuses("kuis-demo", 200, "ngo-demo", 200),
                        () -> "grant_type=client_credentials", "application/x-www-form-urlencoded", false));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (var client : endpoint.canonicalStatus().entrySet()) {
                int canonical = send(endpoint, endpoint.path(), client.getKey());
                if (canonical != client.getValue()) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + client.getKey() + ": " + canonical
                            + " instead of " + client.getValue());
                }
                for (Spelling spelling : Spelling.values()) {
                    String path = spelling.of(endpoint.path());
                    int expected = spelling.malformed ? 400
                            : client.getKey().equals(ANONYMOUS) || !endpoint.bearer() ? 401 : 403;
                    int status = send(endpoint, path, client.getKey());
                    if (status != expected) {
                        wrong.add(endpoint.method() + " " + path + " (" + spelling + ") as " + client.getKey() + ": " + status
                                + " instead of " + expected);
                    }
                }
            }
        }

        assertThat(wrong).as("answers that differ from the refusal expected").isEmpty();
        // only the canonical post of the penal system's client filed its person, none of the other spellings
        assertThat(postedIins.stream().filter(iin -> count("MATCH (p:Person {iin: $iin}) RETURN count(p)",
                Map.of("iin", iin)) > 0)).hasSize(1);
    }

    @Test
    @DisplayName("a graphql-ws handshake is accepted on its path only: every other spelling is refused before any socket opens")
    void webSocketOnItsPathOnly() throws Exception {
        String token = tokenFor("ngo-demo");
        assertThat(handshake("/graphql-ws", token)).isEqualTo(101);
        for (Spelling spelling : Spelling.values()) {
            int expected = spelling.malformed ? 400 : 403;
            assertThat(handshake(spelling.of("/graphql-ws"), token)).as(spelling.toString()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a path no rule names is refused to every client, even one with every role, and the refusal is logged")
    void denyByDefault() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("path-prober");
        List<String> paths = List.of("/intake/other", "/intake/", "/intake", "/actuator", "/actuator/info",
                "/actuator/health/neo4j", "/actuator/env", "/disclosures", "/anything", "/graphql/extra");
        for (String path : paths) {
            for (String method : List.of("GET", "POST")) {
                var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + tokenFor("kuis-demo")).header("X-End-User", endUser)
                        .header("X-Purpose", PURPOSE).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
                assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as(method + " " + path).isEqualTo(403);
                var anonymous = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
                assertThat(client.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as(method + " " + path + " without a token").isEqualTo(401);
            }
        }
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-KUIS"), endUser))
                .extracting(entry -> entry.get("operation"))
                .contains("REFUSED at the edge: 403 /intake/other", "REFUSED at the edge: 403 /actuator/info");
    }

    private int send(Endpoint endpoint, String path, String clientId) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE);
        if (!clientId.equals(ANONYMOUS)) {
            builder.header("Authorization", endpoint.bearer() ? "Bearer " + tokenFor(clientId)
                    : "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (endpoint.contentType() != null) {
            builder.header("Content-Type", endpoint.contentType());
        }
        builder.method(endpoint.method(), endpoint.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(endpoint.body().get()));
        return client.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status of a graphql-ws handshake on this path: 101 when the socket opened. */
    private int handshake(String path, String token) throws Exception {
        try {
            WebSocket socket = client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {
                    }).get(10, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static Map<String, Integer> statuses(Object... clientsAndStatuses) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < clientsAndStatuses.length; i += 2) {
            statuses.put((String) clientsAndStatuses[i], (Integer) clientsAndStatuses[i + 1]);
        }
        return statuses;
    }
}
