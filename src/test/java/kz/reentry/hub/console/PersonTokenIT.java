package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.reentry.hub.security.ConsoleSignIn;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console's sign-in at the protocol level, as an attacker would drive it without a browser: the
 * authorization code needs PKCE, a person's token names that person as the end user whatever a header
 * claims, and it carries only the claims of the party the person acts for.
 */
class PersonTokenIT extends HubIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    private ConsoleSignIn console;

    @Test
    @DisplayName("a person's token: the end user is the person, a header naming someone else is refused and logged, the party's claims and rows apply")
    void thePersonIsTheEndUser() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(30)).set("release.residenceRegion", "KZ-71"));
        String token = personToken("akimat-officer", "akimat-officer-password");
        String purpose = "person-token-" + UUID.randomUUID();

        // no X-End-User: the person from the token; the akimat of Almaty does not see a person going to Astana
        JsonNode answer = graphQl(token, null, purpose, "query($id: ID!) { personById(id: $id) { id } }", Map.of("id", person));
        assertThat(answer.path("data").path("personById").isNull()).as(answer.toString()).isTrue();

        // the same person named in the header: fine
        answer = graphQl(token, "akimat-officer", purpose, "{ parties(first: 1) { edges { node { code } } } }", Map.of());
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();

        // someone else named: refused, and the refusal names the person of the token
        answer = graphQl(token, "kuis-operator", purpose, "{ parties(first: 1) { edges { node { code } } } }", Map.of());
        assertThat(answer.at("/errors/0/extensions/rule").asString()).as(answer.toString()).isEqualTo("request.endUser");
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).isTrue();

        var prosecutor = graphQl("prosecutor-demo");
        assertThat(DisclosureLog.entries(prosecutor, Map.of("agency", "KZ-MIO-75")))
                .filteredOn(entry -> purpose.equals(entry.get("purpose")))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.get("endUser")).isEqualTo("akimat-officer"))
                .anySatisfy(entry -> assertThat(entry.get("outcome")).isEqualTo("REFUSED"));

        // the token's claims are the akimat's, nothing more: no exchange operator's role
        answer = graphQl(token, null, purpose, "{ deadLetters(first: 1) { edges { node { id } } } }", Map.of());
        assertThat(answer.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("over graphql-ws too: with a person's token the end user is the person, a connection_init naming someone else is refused")
    void thePersonIsTheEndUserOverWebSocket() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(40)).set("release.residenceRegion", "KZ-75"));
        String token = personToken("akimat-officer", "akimat-officer-password");
        String purpose = "person-token-ws-" + UUID.randomUUID();
        URI ws = URI.create(origin().replace("http://", "ws://") + "/graphql-ws");
        String query = "{ parties(first: 1) { edges { node { code } } } }";

        try (var posing = GraphQlWsClient.connect(ws, token, Map.of(),
                Map.of("X-End-User", "kuis-operator", "X-Purpose", purpose))) {
            posing.subscribe("1", query);
            JsonNode answer = posing.next(10);
            assertThat(answer).as("an answer").isNotNull();
            assertThat(answer.toString()).contains("request.endUser");
            assertThat(answer.toString()).doesNotContain("\"edges\"");
        }
        // no end user named: the person of the token, and a read of the akimat's own person is answered
        try (var plain = GraphQlWsClient.connect(ws, token, Map.of(), Map.of("X-Purpose", purpose))) {
            plain.subscribe("2", "{ personById(id: \"" + person + "\") { id } }");
            JsonNode answer = plain.next(10);
            assertThat(answer.at("/payload/data/personById/id").asString()).as(answer.toString()).isEqualTo(person);
        }
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "KZ-MIO-75")))
                .filteredOn(entry -> purpose.equals(entry.get("purpose")))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(entry -> assertThat(entry.get("endUser")).isEqualTo("akimat-officer"))
                .anySatisfy(entry -> assertThat(entry.get("outcome")).isEqualTo("REFUSED"));
    }

    @Test
    @DisplayName("the console's authorization code is not issued without PKCE, nor to a redirect URI other than the registered one")
    void codeNeedsPkceAndTheRegisteredRedirect() throws Exception {
        var browser = browser();
        signInForm(browser, "kuis-operator", "kuis-operator-password");
        var withoutPkce = get(browser, origin() + "/oauth2/authorize?response_type=code&client_id=" + ConsoleSignIn.CLIENT_ID
                + "&scope=openid&state=s&redirect_uri=" + encode(console.redirectUri()));
        assertThat(location(withoutPkce)).doesNotContain("code=");
        var elsewhere = get(browser, origin() + "/oauth2/authorize?response_type=code&client_id=" + ConsoleSignIn.CLIENT_ID
                + "&scope=openid&state=s&code_challenge=" + challenge("v".repeat(50)) + "&code_challenge_method=S256"
                + "&redirect_uri=" + encode("http://localhost:1/steal"));
        assertThat(location(elsewhere)).doesNotContain("localhost:1");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
    }

    /** The authorization code flow with PKCE, as the console runs it, returning the access token. */
    private String personToken(String login, String password) throws Exception {
        var browser = browser();
        signInForm(browser, login, password);
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        var authorized = get(browser, origin() + "/oauth2/authorize?response_type=code&client_id=" + ConsoleSignIn.CLIENT_ID
                + "&scope=openid&state=s&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256"
                + "&redirect_uri=" + encode(console.redirectUri()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location(authorized));
        assertThat(code.find()).as(location(authorized)).isTrue();
        String form = "grant_type=authorization_code&code=" + code.group(1) + "&code_verifier=" + verifier
                + "&redirect_uri=" + encode(console.redirectUri());
        var tokens = browser.send(HttpRequest.newBuilder(URI.create(origin() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ConsoleSignIn.CLIENT_ID + ":" + console.clientSecret()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).path("access_token").asString();
    }

    private void signInForm(HttpClient browser, String login, String password) throws Exception {
        var page = get(browser, origin() + "/login");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        var signedIn = browser.send(HttpRequest.newBuilder(URI.create(origin() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + login + "&password=" + password
                        + "&_csrf=" + encode(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(location(signedIn)).doesNotContain("error");
    }

    private JsonNode graphQl(String token, String endUser, String purpose, String query, Map<String, Object> variables)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(origin() + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("X-Purpose", purpose);
        if (endUser != null) {
            request.header("X-End-User", endUser);
        }
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        var response = HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private String origin() {
        return "http://localhost:" + port;
    }

    private static String challenge(String verifier) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
