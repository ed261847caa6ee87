package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * A receiving agency's system on localhost (an akimat's, a police department's): takes the hub's
 * notices, notes when each arrived and for which person (the IIN in the content), answers 200.
 */
final class NoticeReceiver implements AutoCloseable {

    private static final Pattern IIN = Pattern.compile("\"iin\"\\s*:\\s*\"(\\d{12})\"");

    /** Arrival times (System.nanoTime) by the person's IIN, one per notice (a release has several recipients). */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final HttpServer server;

    NoticeReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/notices", exchange -> {
            long arrived = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher iin = IIN.matcher(body);
            if (iin.find()) {
                arrivals.computeIfAbsent(iin.group(1), k -> new CopyOnWriteArrayList<>()).add(arrived);
            }
            byte[] answer = ("{\"received\":\"" + exchange.getRequestHeaders().getFirst("X-Message-Id") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notices";
    }

    List<Long> arrivals(String iin) {
        return arrivals.getOrDefault(iin, List.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
