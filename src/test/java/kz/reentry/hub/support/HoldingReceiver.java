package kz.reentry.hub.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver's system on localhost (JSON envelopes) that can hang: while it holds, every request is
 * read and then left without an answer, the connection open, as a system that accepted the call and
 * froze. When it answers again, held requests are answered and applied too, like a system that
 * wakes up. It applies a message id once (deduplicating like a real receiver) and remembers when.
 */
public final class HoldingReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Object monitor = new Object();
    private volatile boolean holding;
    private final AtomicInteger held = new AtomicInteger();
    private final Map<String, Instant> appliedAt = new ConcurrentHashMap<>();
    private final Map<String, String> iinOf = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> contents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<Held> heldRequests = new CopyOnWriteArrayList<>();

    public HoldingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notices";
    }

    /** From now on requests are held without an answer. */
    public void hold() {
        holding = true;
    }

    /** Answers the held requests and every later one. */
    public void answer() {
        synchronized (monitor) {
            holding = false;
            monitor.notifyAll();
        }
    }

    /** Requests being held right now. */
    public int held() {
        return held.get();
    }

    /**
     * Every request that was held, in order of arrival (a message sent twice appears twice). A held
     * request stays held here after the hub gave up on it, so how many the hub had open at once shows
     * in how many arrived within less than its timeout.
     */
    public List<Held> heldRequests() {
        return List.copyOf(heldRequests);
    }

    public record Held(String messageId, Instant at) {
    }

    /** When the message was applied (the first time), or null. */
    public Instant appliedAt(String messageId) {
        return appliedAt.get(messageId);
    }

    /** Applied message ids with the IIN of the person each concerns. */
    public Map<String, String> applied() {
        Map<String, String> applied = new java.util.HashMap<>();
        appliedAt.keySet().forEach(id -> applied.put(id, iinOf.get(id)));
        return applied;
    }

    /** The message id of the applied message about this person, or null. */
    public String appliedFor(String iin) {
        return appliedAt.keySet().stream().filter(id -> iin.equals(iinOf.get(id))).findFirst().orElse(null);
    }

    /** The content of every message applied, by message id. */
    public Map<String, JsonNode> appliedContents() {
        Map<String, JsonNode> applied = new java.util.HashMap<>();
        appliedAt.keySet().forEach(id -> applied.put(id, contents.get(id)));
        return applied;
    }

    /** How many requests carried this message id (held ones included). */
    public int requests(String messageId) {
        var count = requests.get(messageId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String messageId = exchange.getRequestHeaders().getFirst("X-Message-Id");
            requests.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
            JsonNode envelope = JSON.readTree(body);
            iinOf.putIfAbsent(messageId, envelope.path("content").path("person").path("iin").asString(""));
            contents.putIfAbsent(messageId, envelope.path("content"));
            waitWhileHolding(messageId);
            appliedAt.putIfAbsent(messageId, Instant.now());
            byte[] reply = ("{\"received\":\"" + messageId + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        } catch (IOException callerGone) {
            // the hub gave up on this request (its timeout, or it was killed); it was applied all the same
        }
    }

    private void waitWhileHolding(String messageId) {
        synchronized (monitor) {
            if (!holding) {
                return;
            }
            heldRequests.add(new Held(messageId, Instant.now()));
            held.incrementAndGet();
            try {
                while (holding) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        answer();
        server.stop(0);
    }
}
