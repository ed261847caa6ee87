package kz.reentry.hub.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/** The penal system posting E5 records to POST /intake/releases at a fixed rate (the handoff benchmark). */
final class IntakeClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    IntakeClient(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /**
     * One record every 1/rate seconds, each sent on its own schedule whatever the earlier ones take
     * (open loop, so a slow answer does not hide the delay behind it); returns, by record index,
     * when (System.nanoTime) the intake answered it.
     */
    long[] paced(List<Map<String, Object>> records, double perSecond, AtomicInteger failures) throws Exception {
        long[] answered = new long[records.size()];
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < records.size(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                int index = i;
                executor.submit(() -> {
                    String status = post(records.get(index));
                    answered[index] = System.nanoTime();
                    if (!status.startsWith("200") && !status.startsWith("201")) {
                        failures.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return answered;
    }

    private String post(Map<String, Object> record) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(record))).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        var status = Benchmarks.match("\"status\"\\s*:\\s*\"(\\w+)\"", response.body());
        return response.statusCode() + " " + (status == null ? "?" : status.group(1));
    }
}
