package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The receiving agencies' systems for the soak (an akimat's, a police department's), as they behave
 * on a bad day: a share of calls answered 503, a share answered late (but within the hub's response
 * timeout, so the hub hears the 200 and has no reason to send again), and outages in which every call
 * is answered 503, long enough for the hub's circuit breaker to open. Counts every call, and the
 * 200s by the message's X-Message-Id: a message delivered twice is an id answered 200 twice.
 */
final class FlakyReceiver implements AutoCloseable {

    /** What the receiver did with one call. */
    enum Answer { OK, OK_SLOW, FAILED_503, OUTAGE_503 }

    private final HttpServer server;
    private final Random random;
    private final double failShare;
    private final double slowShare;
    private final int slowMillisMin;
    private final int slowMillisMax;
    private volatile boolean outage;
    /** Calls answered 200, by message id: 1 for a message delivered once. */
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    /** Exchange (E1, E2) by message id, from the X-Exchange header. */
    private final Map<String, String> exchanges = new ConcurrentHashMap<>();
    private final Map<Answer, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder withTraceparent = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final AtomicLong lastCall = new AtomicLong();

    FlakyReceiver(long seed, double failShare, double slowShare, int slowMillisMin, int slowMillisMax) throws IOException {
        this.random = new Random(seed);
        this.failShare = failShare;
        this.slowShare = slowShare;
        this.slowMillisMin = slowMillisMin;
        this.slowMillisMax = slowMillisMax;
        for (Answer answer : Answer.values()) {
            answers.put(answer, new LongAdder());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/notices", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        calls.increment();
        lastCall.set(System.nanoTime());
        String id = exchange.getRequestHeaders().getFirst("X-Message-Id");
        if (exchange.getRequestHeaders().getFirst("traceparent") != null) {
            withTraceparent.increment();
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        Answer answer = outage ? Answer.OUTAGE_503 : draw < failShare ? Answer.FAILED_503
                : draw < failShare + slowShare ? Answer.OK_SLOW : Answer.OK;
        answers.get(answer).increment();
        try {
            if (answer == Answer.OK_SLOW) {
                int span = Math.max(1, slowMillisMax - slowMillisMin);
                Thread.sleep(slowMillisMin + (long) ((draw - failShare) / slowShare * span));
            }
            if (answer == Answer.OK || answer == Answer.OK_SLOW) {
                if (id != null) {
                    accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    String kind = exchange.getRequestHeaders().getFirst("X-Exchange");
                    exchanges.putIfAbsent(id, kind == null ? "?" : kind);
                }
                reply(exchange, 200, "{\"received\":\"" + id + "\"}");
            } else {
                reply(exchange, 503, "{\"error\":\"unavailable\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notices";
    }

    /** From now on every call is answered 503, until {@link #outage(boolean) outage(false)}. */
    void outage(boolean down) {
        outage = down;
    }

    /** 200 answers by message id. */
    Map<String, AtomicInteger> accepted() {
        return accepted;
    }

    String exchangeOf(String messageId) {
        return exchanges.get(messageId);
    }

    long answers(Answer answer) {
        return answers.get(answer).sum();
    }

    long calls() {
        return calls.sum();
    }

    long withTraceparent() {
        return withTraceparent.sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
