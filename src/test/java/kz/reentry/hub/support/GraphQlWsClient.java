package kz.reentry.hub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal client of the graphql-ws protocol (graphql-transport-ws) over the JDK's WebSocket, as a
 * front-end or an NGO's system would use it: init, subscribe, read the next messages.
 */
public final class GraphQlWsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;

    private GraphQlWsClient(WebSocket socket, BlockingQueue<JsonNode> received) {
        this.socket = socket;
        this.received = received;
    }

    public static GraphQlWsClient connect(URI uri, String token) throws Exception {
        return connect(uri, token, HubIntegrationTest.END_USER);
    }

    /** Connects naming this person at the keyboard, for a test that finds its own entries in the disclosure log. */
    public static GraphQlWsClient connect(URI uri, String token, String endUser) throws Exception {
        return connect(uri, token, Map.of("X-End-User", endUser, "X-Purpose", HubIntegrationTest.PURPOSE), Map.of());
    }

    /**
     * Connects with these handshake headers besides the token, and this connection_init payload (where
     * a browser, which cannot set handshake headers, puts them).
     */
    public static GraphQlWsClient connect(URI uri, String token, Map<String, String> headers,
                                          Map<String, Object> initPayload) throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token);
        headers.forEach(builder::header);
        WebSocket socket = builder
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        var client = new GraphQlWsClient(socket, received);
        client.send(Map.of("type", "connection_init", "payload", initPayload));
        JsonNode ack = client.next(10);
        if (ack == null || !"connection_ack".equals(ack.get("type").asString())) {
            throw new IllegalStateException("no connection_ack: " + ack);
        }
        return client;
    }

    public void subscribe(String id, String query) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /** The next message, or null after the timeout. */
    public JsonNode next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    private void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
