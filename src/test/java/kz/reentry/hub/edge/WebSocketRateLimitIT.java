package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A client's rate holds over graphql-ws as over HTTP: operations beyond it on one connection are
 * answered with a TOO_MANY_REQUESTS error instead of being run, each refusal is logged like an HTTP
 * 429, and the connection stays usable once the client slows down.
 */
class WebSocketRateLimitIT extends HubIntegrationTest {

    @Test
    @DisplayName("a flood of operations on one graphql-ws connection is refused beyond the client's rate, each refusal logged, and the socket recovers")
    void floodOverOneConnection() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("socket-flooder");
        // flood-test may send 3 requests a second (HubIntegrationTest)
        try (var socket = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("flood-test"), endUser)) {
            Thread.sleep(1_100);
            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                socket.subscribe("op" + i, "{ __typename }");
            }
            Map<String, JsonNode> answers = new HashMap<>();
            while (answers.size() < 30) {
                JsonNode message = socket.next(10);
                assertThat(message).as("an answer to each of the 30 operations").isNotNull();
                if (message.get("type").asString().equals("next") || message.get("type").asString().equals("error")) {
                    answers.put(message.get("id").asString(), message.get("payload"));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            long run = answers.values().stream().filter(payload -> payload.has("data") && !payload.get("data").isNull()).count();
            var refused = answers.values().stream().filter(payload -> payload.toString().contains("TOO_MANY_REQUESTS")).toList();
            assertThat(run).as("operations run in %.1f s at 3 a second", seconds).isBetween(1L, 3L * ((long) seconds + 2));
            assertThat(refused).hasSize(30 - (int) run).allSatisfy(payload -> assertThat(payload.toString())
                    .contains("edge.rate").contains("retryAfterSeconds").doesNotContain("\"data\":{"));

            assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-OVD-75"), endUser))
                    .filteredOn(entry -> "REFUSED".equals(entry.get("outcome")))
                    .hasSize(refused.size())
                    .allSatisfy(entry -> assertThat(entry).containsEntry("operation", "REFUSED at the edge: 429 /graphql-ws"));

            Thread.sleep(1_100);
            socket.subscribe("after", "{ __typename }");
            JsonNode after;
            do {
                // the 'complete' messages of the operations before may still be queued
                after = socket.next(10);
                assertThat(after).as("an answer to the operation after the pause").isNotNull();
            } while (!after.get("id").asString().equals("after") || !after.get("type").asString().equals("next"));
            assertThat(after.get("payload").get("data").get("__typename").asString()).isEqualTo("Query");
        }
    }
}
