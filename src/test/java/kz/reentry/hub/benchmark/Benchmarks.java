package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.GraphDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmarks (benchmarks/run) and writes docs/benchmarks.md: a national dataset loaded
 * into a Neo4j server, the hub (as its jar, a separate process) and @neo4j/graphql on Apollo
 * Server over that same database, wrk driving both with the same query mix at several
 * concurrency levels, intake throughput next to a plain UNWIND baseline, the hub's start-up time
 * and memory. It reports; it does not judge.
 */
public final class Benchmarks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root;
    private final Path work;
    private final long seed;
    private final double scale;
    private final int seconds;
    private final List<Integer> concurrency;
    private final Report report = new Report();

    private Benchmarks(Path root, long seed, double scale, int seconds, List<Integer> concurrency) throws IOException {
        this.root = root;
        this.work = Files.createDirectories(root.resolve("target/benchmarks"));
        this.seed = seed;
        this.scale = scale;
        this.seconds = seconds;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("seed", "2026", "scale", "1", "seconds", "15",
                "concurrency", "1,4,16,64"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var run = new Benchmarks(Path.of("").toAbsolutePath(), Long.parseLong(options.get("seed")),
                Double.parseDouble(options.get("scale")), Integer.parseInt(options.get("seconds")),
                java.util.Arrays.stream(options.get("concurrency").split(",")).map(Integer::parseInt).toList());
        run.all();
    }

    private void all() throws Exception {
        report.environment(seed, scale, seconds);
        startUpWithEmbeddedNeo4j();
        Path store = work.resolve("neo4j-" + System.currentTimeMillis());
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 2L * 1024 * 1024 * 1024)) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-" + System.currentTimeMillis()).toString()),
                    18081);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                // the hub has run its migrations and reference data; now the population, directly
                var loader = new DirectLoader(driver);
                loader.institutions();
                int ingestSample = Math.min(1_000, data.size() / 10);
                int preloaded = data.size() - 2 * ingestSample;
                Instant started = Instant.now();
                double loadRate = loader.load(data, 0, preloaded, 2_000);
                report.load(preloaded, Duration.between(started, Instant.now()), loadRate);

                ingest(hub, loader, data, preloaded, ingestSample);
                List<String> ids = driver.executableQuery("MATCH (p:Person)-[:SERVED]->(:CustodyEpisode) RETURN p.id AS id LIMIT 2000")
                        .execute().records().stream().map(r -> r.get("id").asString()).toList();
                Path idsFile = Files.write(work.resolve("person-ids.txt"), ids);
                try (var alternative = NodeServer.start(root, work, bolt, 14000)) {
                    reads(hub, alternative, idsFile);
                }
                report.memory("hub under read load (peak resident set)", hub.peakRssMegabytes());
            }
        }
        Path out = root.resolve("docs/benchmarks.md");
        report.write(out, root.resolve("docs/benchmarks"), root.resolve("benchmarks/analysis.md"));
        System.out.println("Wrote " + out);
    }

    /** Time from launching the jar to a healthy hub, with its own embedded Neo4j in a fresh directory. */
    private void startUpWithEmbeddedNeo4j() throws Exception {
        Path data = work.resolve("embedded-" + System.currentTimeMillis());
        long started = System.nanoTime();
        try (var hub = Hub.start(root, work, Map.of("HUB_DATA_DIR", data.toString(), "HUB_EMBEDDED_BOLT_PORT", "0"), 18082)) {
            report.startUp((System.nanoTime() - started) / 1e9, hub.rssMegabytes());
        }
    }

    private void ingest(Hub hub, DirectLoader loader, NationalDataset data, int from, int count) throws Exception {
        // the intake's batch-file channel: a CSV of `count` records dropped into the watched directory
        Path csv = work.resolve("ingest-" + seed + ".csv");
        List<String> columns = new ArrayList<>(NationalDataset.flat(data.record(from)).keySet());
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        for (int index = from; index < from + count; index++) {
            var flat = NationalDataset.flat(data.record(index));
            text.append(columns.stream().map(c -> "\"" + flat.getOrDefault(c, "").replace("\"", "\"\"") + "\"")
                    .reduce((a, b) -> a + "," + b).orElse("")).append('\n');
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        Path batchDirectory = hub.dataDirectory().resolve("intake/e5");
        Files.createDirectories(batchDirectory);
        long started = System.nanoTime();
        Files.move(csv, batchDirectory.resolve(csv.getFileName()));
        JsonNode done = hub.awaitBatch(csv.getFileName().toString(), Duration.ofMinutes(30));
        double intakeRate = done.get("records").asInt() / ((System.nanoTime() - started) / 1e9);
        double unwindRate = loader.load(data, from + count, from + 2 * count, 1_000);
        report.ingest(count, intakeRate, unwindRate, done);
    }

    private void reads(Hub hub, NodeServer alternative, Path ids) throws Exception {
        String token = hub.token("kuis-demo");
        String hubHeaders = "Authorization: Bearer " + token + "|X-End-User: benchmark|X-Purpose: benchmark";
        for (var query : QueryMix.QUERIES) {
            // warm both up (JIT, caches, pools) before anything is recorded
            Wrk.run(root, hub.graphqlUrl(), query.hubBody(), hubHeaders, ids, 4, Math.max(5, seconds / 2));
            Wrk.run(root, alternative.url(), query.alternativeBody(), "", ids, 4, Math.max(5, seconds / 2));
            for (int connections : concurrency) {
                var hubResult = Wrk.run(root, hub.graphqlUrl(), query.hubBody(), hubHeaders, ids, connections, seconds);
                var altResult = Wrk.run(root, alternative.url(), query.alternativeBody(), "", ids, connections, seconds);
                report.read(query.name(), connections, hubResult, altResult);
                System.out.printf("%s c=%d hub %.0f req/s p50 %.1f ms, @neo4j/graphql %.0f req/s p50 %.1f ms%n",
                        query.name(), connections, hubResult.requestsPerSecond(), hubResult.p50(),
                        altResult.requestsPerSecond(), altResult.p50());
            }
        }
    }

    static String post(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static Matcher match(String pattern, String text) {
        Matcher matcher = Pattern.compile(pattern, Pattern.MULTILINE).matcher(text);
        return matcher.find() ? matcher : null;
    }
}
