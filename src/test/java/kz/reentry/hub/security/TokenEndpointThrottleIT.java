package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.StrictEdgeHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Guessing a client's secret at /oauth2/token: failed attempts are counted per client id and per
 * remote address; past the allowance (here 4 per client, 8 per address in 10 s) the endpoint answers
 * 429 with Retry-After, even to the right secret, until the window has passed, and records each refusal.
 */
class TokenEndpointThrottleIT extends StrictEdgeHub {

    @BeforeEach
    void tokensForTheChecks() {
        // fetched before the address is refused, for reading the disclosure log afterwards
        tokenFor("prosecutor-demo");
    }

    @Test
    @DisplayName("after 4 wrong secrets for one client, its next attempts get 429 with Retry-After, the right secret too, until the window has passed")
    void perClient() throws Exception {
        String guesser = DisclosureLog.uniqueEndUser("secret-guesser");
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            wrong.add(token("flood-test", "guess-" + i, guesser).statusCode());
        }
        int rightSecret = token("flood-test", "flood-test-secret", guesser).statusCode();
        String retryAfter = token("flood-test", "guess", guesser).headers().firstValue("Retry-After").orElse("none");
        int otherClient = tokenStatus("ngo2-demo", "ngo2-demo-secret");

        assertThat(wrong).containsExactly(401, 401, 401, 401, 429, 429);
        assertThat(rightSecret).isEqualTo(429);
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
        assertThat(otherClient).as("another client from the same address, below the address's allowance").isEqualTo(200);

        // each test ends after its windows have passed, with a success, so the next starts from nothing
        Thread.sleep(TOKEN_WINDOW_MILLIS + 200);
        assertThat(tokenStatus("flood-test", "flood-test-secret")).isEqualTo(200);
        // this test's own refusals: the 5th and 6th guess, the right secret, the Retry-After check
        assertThat(refusalsLogged(guesser)).hasSize(4).allSatisfy(operation -> assertThat(operation)
                .startsWith("REFUSED at the edge: 429 /oauth2/token").contains("client flood-test"));
    }

    @Test
    @DisplayName("after 8 failed attempts from one address, with as many client ids, every client from it gets 429 until the window has passed")
    void perAddress() throws Exception {
        String guess = "guess-" + UUID.randomUUID();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(tokenStatus(guess + "-" + i, "secret"));
        }
        int validClient = tokenStatus("ngo-demo", "ngo-demo-secret");

        assertThat(statuses.subList(0, 8)).containsOnly(401);
        assertThat(statuses.subList(8, 10)).containsOnly(429);
        assertThat(validClient).isEqualTo(429);

        // each test ends after its windows have passed, with a success, so the next starts from nothing
        Thread.sleep(TOKEN_WINDOW_MILLIS + 200);
        assertThat(tokenStatus("ngo-demo", "ngo-demo-secret")).isEqualTo(200);
        assertThat(refusalsLogged(null)).filteredOn(operation -> operation.contains(guess)).hasSize(2);
    }

    private int tokenStatus(String client, String secret) throws Exception {
        return token(client, secret, null).statusCode();
    }

    /**
     * By the JDK's client, which, unlike the Apache client behind RestClient, does not wait out a 429's
     * Retry-After and send the request again on its own; naming the person at the keyboard if given.
     */
    private HttpResponse<String> token(String client, String secret, String endUser) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (endUser != null) {
            request.header("X-End-User", endUser);
        }
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The operations of the edge's refusals recorded without a client (before any client was authenticated),
     * of the requests that named this end user, or of all when null.
     */
    private List<String> refusalsLogged(String endUser) {
        return DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "unknown")).stream()
                .filter(entry -> "REFUSED".equals(entry.get("outcome")))
                .filter(entry -> endUser == null || endUser.equals(entry.get("endUser")))
                .map(entry -> (String) entry.get("operation")).toList();
    }
}
