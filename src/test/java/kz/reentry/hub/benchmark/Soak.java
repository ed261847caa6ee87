package kz.reentry.hub.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak ({@code benchmarks/soak}, or {@code benchmarks/run --parts soak --soak-seconds 600}): the
 * hub's jar on a graph holding the national dataset at {@code --scale}, driven for a bounded time by
 * three paced, open-loop streams at once: E5 release records posted to the intake (each queues two E1
 * notices), individual programmes drawn up for persons just filed (each queues an E2 to the akimat)
 * and GraphQL reads; the notices go to a receiver that fails now and then ({@link FlakyReceiver}) and
 * is down twice for a while. Then the load stops, the outbox is given a bounded time to drain, and
 * everything is counted against the graph: every record sent filed once, every message queued
 * delivered once. Writes its report and returns non-zero when the accounting does not add up.
 */
final class Soak {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Record numbers size + SOAK_FROM + k: past the handoff's, its warm-up's and the timed intake's. */
    private static final int SOAK_FROM = 300_000;
    private static final int INTAKE_ATTEMPTS = 5;
    private static final int WARM_UP_RECORDS = 20;
    private static final String CREATE_PROGRAMME = """
            mutation createProgramme($input: CreateProgrammeInput!) {
              createProgramme(input: $input) { id status measures { id domain status } } }""";
    private static final List<QueryMix> READS = List.of(QueryMix.QUERIES.get(0), QueryMix.QUERIES.get(1),
            QueryMix.QUERIES.get(2), QueryMix.QUERIES.get(3));

    /** What a run is asked to do. */
    record Settings(int seconds, double intakeRate, double readRate, double programmeRate, int drainSeconds,
                    double failShare, double slowShare, int outageSeconds, Path out) {

        static Settings from(Map<String, String> options, Path root) {
            int seconds = Integer.parseInt(options.getOrDefault("soak-seconds", "600"));
            return new Settings(seconds,
                    Double.parseDouble(options.getOrDefault("soak-intake-rate", "2")),
                    Double.parseDouble(options.getOrDefault("soak-read-rate", "4")),
                    Double.parseDouble(options.getOrDefault("soak-programme-rate", "0.5")),
                    Integer.parseInt(options.getOrDefault("soak-drain-seconds", "300")),
                    Double.parseDouble(options.getOrDefault("soak-fail-share", "0.05")),
                    Double.parseDouble(options.getOrDefault("soak-slow-share", "0.02")),
                    Integer.parseInt(options.getOrDefault("soak-outage-seconds", Integer.toString(Math.max(5, Math.min(30, seconds / 20))))),
                    root.resolve(options.getOrDefault("soak-out", "docs/benchmarks/soak.md")));
        }
    }

    private final Path root;
    private final Path work;
    private final long seed;
    private final double scale;
    private final Settings settings;

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();
    /** While the hub warms up (before the load): calls are made and counted, their latencies not kept. */
    private volatile boolean warming;
    /** Latencies in ms, by stream and minute of the run. */
    private final Map<String, Map<Integer, List<Double>>> latencies = new ConcurrentHashMap<>();
    /** Per minute: hub RSS MB, load average, receiver calls and 503s so far, circuit seen open. */
    private final Map<Integer, String[]> minutes = new TreeMap<>();
    /** The records posted, by message id: their IIN. */
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    /** The records the intake acknowledged (ACCEPTED or DUPLICATE), by message id: the answer's status. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Persons just filed, waiting for a programme or a read (most recent last). */
    private final ConcurrentLinkedDeque<String> filedPersons = new ConcurrentLinkedDeque<>();
    private final List<String> readablePersons = new CopyOnWriteArrayList<>();
    private final Set<String> programmed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger programmesAcknowledged = new AtomicInteger();
    private final LongAdder intakeRetries = new LongAdder();
    private final LongAdder readsDone = new LongAdder();
    private volatile int circuitOpenSamples;
    private volatile int circuitOpenings;
    private volatile double lastCircuit;
    private final List<String> outages = new ArrayList<>();
    private long started;
    private Path hubLog;

    private Soak(Path root, Path work, long seed, double scale, Settings settings) {
        this.root = root;
        this.work = work;
        this.seed = seed;
        this.scale = scale;
        this.settings = settings;
    }

    /** Runs the soak and writes its report; 0 when the accounting adds up, 1 when it does not. */
    static int run(Path root, Path work, long seed, double scale, Settings settings) throws Exception {
        return new Soak(root, work, seed, scale, settings).run();
    }

    private int run() throws Exception {
        String loadBefore = loadAverage();
        Path store = work.resolve("neo4j-soak-" + System.currentTimeMillis());
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 512L * 1024 * 1024);
             var receiver = new FlakyReceiver(seed, settings.failShare(), settings.slowShare(), 1_000, 4_000)) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            List<String> arguments = List.of("--hub.delivery.receivers.bench.agencies=" + String.join(",", Benchmarks.HANDOFF_AGENCIES),
                    "--hub.delivery.receivers.bench.endpoint=" + receiver.endpoint(),
                    "--hub.delivery.receivers.bench.format=JSON");
            int port;
            try (var probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            hubLog = work.resolve("hub-" + port + ".log");
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-soak-" + System.currentTimeMillis()).toString()), arguments, port);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                var loader = new DirectLoader(driver);
                loader.institutions();
                loader.ngos();
                loader.load(data, 0, data.size(), 2_000, true);
                readablePersons.addAll(Benchmarks.readSet(driver, data, seed, null));
                System.out.printf("soak: %,d persons loaded; %d s of load against the hub on port %d%n", data.size(),
                        settings.seconds(), port);
                var tokens = new Tokens(hub);
                warmUp(hub, tokens, data);
                double rssStart = hub.rssMegabytes();
                double hwmStart = hub.peakRssMegabytes();
                String loadAtStart = loadAverage();
                long sentDeadline = load(hub, tokens, receiver, data);
                long loadEnded = System.nanoTime();
                double rssAfterLoad = hub.rssMegabytes();
                double drained = drain(driver, loadEnded);
                var accounting = account(driver, receiver);
                double rssEnd = hub.rssMegabytes();
                double hwmEnd = hub.peakRssMegabytes();
                String text = report(data, receiver, accounting, rssStart, hwmStart, rssAfterLoad, rssEnd, hwmEnd,
                        loadBefore, loadAtStart, loadAverage(), drained, (sentDeadline - started) / 1e9);
                Files.createDirectories(settings.out().getParent());
                Files.writeString(settings.out(), text, StandardCharsets.UTF_8);
                System.out.println(text);
                System.out.println("Wrote " + settings.out());
                Path docs = root.resolve("docs/benchmarks.md");
                if (settings.out().equals(root.resolve("docs/benchmarks/soak.md")) && Files.exists(docs)) {
                    Files.writeString(docs, Report.withSoakSection(Files.readString(docs), root.resolve("docs/benchmarks")));
                    System.out.println("Updated the soak section of " + docs);
                }
                return accounting.failures().isEmpty() ? 0 : 1;
            }
        }
    }

    /** The hub's tokens, fetched again before they run out (an hour). */
    private static final class Tokens {
        private final Hub hub;
        private final Map<String, String> tokens = new ConcurrentHashMap<>();
        private final Map<String, Long> fetched = new ConcurrentHashMap<>();

        Tokens(Hub hub) {
            this.hub = hub;
        }

        String of(String client) throws Exception {
            Long at = fetched.get(client);
            if (at == null || System.nanoTime() - at > Duration.ofMinutes(20).toNanos()) {
                tokens.put(client, hub.token(client));
                fetched.put(client, System.nanoTime());
            }
            return tokens.get(client);
        }
    }

    /** The three streams and the receiver's outages, for settings.seconds; returns when the last request has answered. */
    private long load(Hub hub, Tokens tokens, FlakyReceiver receiver, NationalDataset data) throws Exception {
        started = System.nanoTime();
        long end = started + Duration.ofSeconds(settings.seconds()).toNanos();
        // two outages, at a third and at two thirds of the run
        List<long[]> down = List.of(
                new long[]{started + Duration.ofSeconds(settings.seconds() / 3).toNanos(), settings.outageSeconds()},
                new long[]{started + Duration.ofSeconds(2L * settings.seconds() / 3).toNanos(), settings.outageSeconds()});
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            streams.submit(() -> paced(settings.intakeRate(), end, requests, k -> intake(hub, tokens, data, k)));
            streams.submit(() -> paced(settings.readRate(), end, requests, k -> read(hub, tokens, k)));
            streams.submit(() -> paced(settings.programmeRate(), end, requests, k -> programme(hub, tokens, k)));
            streams.submit(() -> {
                for (long[] outage : down) {
                    sleepUntil(outage[0]);
                    receiver.outage(true);
                    long from = System.nanoTime();
                    sleepUntil(from + Duration.ofSeconds(outage[1]).toNanos());
                    receiver.outage(false);
                    synchronized (outages) {
                        outages.add("%s s to %s s".formatted(fmt((from - started) / 1e9), fmt((System.nanoTime() - started) / 1e9)));
                    }
                }
                return null;
            });
            streams.submit(() -> monitor(hub, tokens, receiver, end));
            streams.shutdown();
            streams.awaitTermination(settings.seconds() + 60L, java.util.concurrent.TimeUnit.SECONDS);
            requests.shutdown();
            if (!requests.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
                error("harness: requests still running 2 min after the load ended");
                requests.shutdownNow();
            }
        }
        sample(hub, tokens, receiver, (int) ((System.nanoTime() - started) / 60_000_000_000L) + 1);
        return System.nanoTime();
    }

    /**
     * Before the load: a few records and every read, one at a time, so the freshly started hub's JIT and
     * pools are not what the first minute measures. The records are sent and counted like the others.
     */
    private void warmUp(Hub hub, Tokens tokens, NationalDataset data) {
        warming = true;
        started = System.nanoTime();
        for (int k = 0; k < WARM_UP_RECORDS; k++) {
            intake(hub, tokens, data, -1 - k);
        }
        for (int k = 0; k < 10 * READS.size(); k++) {
            read(hub, tokens, k);
        }
        readsDone.reset();
        warming = false;
    }

    /** Submits task k every 1/rate seconds until the end, each on its own schedule (open loop). */
    private Void paced(double rate, long end, ExecutorService requests, IntConsumer task) throws InterruptedException {
        if (rate <= 0) {
            return null;
        }
        long interval = (long) (1e9 / rate);
        for (int k = 0; ; k++) {
            long due = started + k * interval;
            if (due >= end) {
                return null;
            }
            sleepUntil(due);
            int index = k;
            requests.submit(() -> {
                try {
                    task.accept(index);
                } catch (RuntimeException e) {
                    error("harness: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        }
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** Record k posted to the intake; sent again (same message id) on a failed call, as a sender would. */
    private void intake(Hub hub, Tokens tokens, NationalDataset data, int k) {
        Map<String, Object> record = Benchmarks.handoffRecord(data, SOAK_FROM + WARM_UP_RECORDS + k);
        String messageId = "soak-" + k + "-" + data.size();
        record.put("messageId", messageId);
        String iin = (String) ((Map<?, ?>) record.get("person")).get("iin");
        sent.put(messageId, iin);
        String body = JSON.writeValueAsString(record);
        for (int attempt = 1; attempt <= INTAKE_ATTEMPTS; attempt++) {
            long began = System.nanoTime();
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.intakeUrl())).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.of("kuis-demo"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                latency("intake", began);
                if (response.statusCode() / 100 == 2) {
                    JsonNode answer = Benchmarks.json(response.body());
                    String status = answer.path("status").asString("?");
                    acknowledged.put(messageId, status);
                    String person = answer.path("personId").asString(null);
                    if (!"ACCEPTED".equals(status) && !"DUPLICATE".equals(status)) {
                        error("intake: answered " + response.statusCode() + " " + status);
                    }
                    if (person != null) {
                        filedPersons.addLast(person);
                        readablePersons.add(person);
                    }
                    return;
                }
                error("intake: HTTP " + response.statusCode(), response.body());
            } catch (Exception e) {
                latency("intake", began);
                error("intake: " + e.getClass().getSimpleName());
            }
            if (attempt < INTAKE_ATTEMPTS) {
                intakeRetries.increment();
                try {
                    Thread.sleep(1_000L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        error("intake: gave up after " + INTAKE_ATTEMPTS + " attempts");
    }

    /** A programme with one measure for the latest person filed who has none yet (E2 to the akimat of the residence). */
    private void programme(Hub hub, Tokens tokens, int k) {
        String person = filedPersons.pollLast();
        if (person == null || !programmed.add(person)) {
            return;
        }
        long began = System.nanoTime();
        try {
            String body = JSON.writeValueAsString(Map.of("query", CREATE_PROGRAMME, "variables", Map.of("input", Map.of(
                    "personId", person, "measures", List.of(Map.of("domain", "HOUSING", "description", "Жильё у сестры",
                            "responsible", "KZ-MIO-75", "deadline", LocalDate.now().plusMonths(1).toString()))))));
            var response = graphql(hub, tokens, "kuis-demo", body);
            latency("programme", began);
            if (response.statusCode() != 200) {
                error("programme: HTTP " + response.statusCode(), response.body());
                return;
            }
            JsonNode answer = Benchmarks.json(response.body());
            if (answer.has("errors")) {
                error("programme: " + answer.path("errors").path(0).path("extensions").path("classification").asString("?"),
                        answer.path("errors").path(0).path("message").asString(""));
                return;
            }
            programmesAcknowledged.incrementAndGet();
        } catch (Exception e) {
            latency("programme", began);
            error("programme: " + e.getClass().getSimpleName());
        }
    }

    /** Read k: the case view (of a person just filed or of the dataset), the releases page or an NGO's cases, in turn. */
    private void read(Hub hub, Tokens tokens, int k) {
        QueryMix query = READS.get(k % READS.size());
        String body;
        if (query.persons() == QueryMix.Persons.NONE) {
            body = query.hubBody().replace("%%", "%");
        } else {
            List<String> persons = readablePersons;
            body = query.hubBody(persons.get(Math.floorMod(k * 7919, persons.size())));
        }
        long began = System.nanoTime();
        try {
            var response = graphql(hub, tokens, query.client(), body);
            latency("read", began);
            readsDone.increment();
            if (response.statusCode() != 200) {
                error("read (" + query.name() + "): HTTP " + response.statusCode(), response.body());
                return;
            }
            JsonNode answer = Benchmarks.json(response.body());
            if (answer.has("errors")) {
                error("read (" + query.name() + "): " + answer.path("errors").path(0).path("extensions").path("classification").asString("?"),
                        answer.path("errors").path(0).path("message").asString(""));
            }
        } catch (Exception e) {
            latency("read", began);
            error("read (" + query.name() + "): " + e.getClass().getSimpleName());
        }
    }

    private static HttpResponse<String> graphql(Hub hub, Tokens tokens, String client, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.graphqlUrl())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.of(client)).header("Content-Type", "application/json")
                .header("X-End-User", "soak").header("X-Purpose", "benchmark")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every 5 s the circuit breaker's state from the hub's own metrics; at every minute the hub's memory. */
    private Void monitor(Hub hub, Tokens tokens, FlakyReceiver receiver, long end) throws Exception {
        int minute = 1;
        while (System.nanoTime() < end) {
            Thread.sleep(5_000);
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.graphqlUrl().replace("/graphql", "/actuator/prometheus")))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + tokens.of("monitoring-demo")).build(),
                        HttpResponse.BodyHandlers.ofString());
                double circuit = 0;
                for (String line : response.body().lines().toList()) {
                    if (line.startsWith("hub_delivery_circuit_open{") && line.contains("receiver=\"bench\"")) {
                        circuit = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                if (circuit > 0) {
                    circuitOpenSamples++;
                    if (lastCircuit == 0) {
                        circuitOpenings++;
                    }
                }
                lastCircuit = circuit;
                if (response.statusCode() == 200 && !Files.exists(work.resolve("soak-prometheus.txt"))) {
                    Files.writeString(work.resolve("soak-prometheus.txt"), response.body());
                }
            } catch (Exception e) {
                error("metrics: " + e.getClass().getSimpleName());
            }
            if (System.nanoTime() - started >= minute * 60_000_000_000L) {
                sample(hub, tokens, receiver, minute++);
            }
        }
        return null;
    }

    private void sample(Hub hub, Tokens tokens, FlakyReceiver receiver, int minute) {
        try {
            synchronized (minutes) {
                minutes.put(minute, new String[]{fmt(hub.rssMegabytes()), loadAverage().split(" ")[0],
                        Long.toString(receiver.calls()),
                        Long.toString(receiver.answers(FlakyReceiver.Answer.FAILED_503) + receiver.answers(FlakyReceiver.Answer.OUTAGE_503)),
                        Integer.toString(circuitOpenSamples)});
            }
        } catch (Exception e) {
            error("harness: memory sample " + e.getClass().getSimpleName());
        }
    }

    private void latency(String stream, long began) {
        if (warming) {
            return;
        }
        long now = System.nanoTime();
        int minute = (int) ((began - started) / 60_000_000_000L) + 1;
        latencies.computeIfAbsent(stream, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(minute, m -> Collections.synchronizedList(new ArrayList<>())).add((now - began) / 1e6);
    }

    private void error(String kind) {
        error(kind, null);
    }

    /** Counts an error of this kind, keeping the first example's detail (an answer's body) for the report. */
    private void error(String kind, String example) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (example != null) {
            examples.putIfAbsent(kind, example.length() > 300 ? example.substring(0, 300) + "…" : example);
        }
    }

    /** Until no message about the soak's persons is PENDING any more, for at most drainSeconds; the seconds it took. */
    private double drain(Driver driver, long from) throws InterruptedException {
        List<String> iins = List.copyOf(sent.values());
        long deadline = from + Duration.ofSeconds(settings.drainSeconds()).toNanos();
        while (System.nanoTime() < deadline) {
            long pending = driver.executableQuery("""
                    UNWIND $iins AS iin MATCH (:Person {iin: iin})<-[:CONCERNS]-(m:OutboundMessage {status: 'PENDING'})
                    RETURN count(m) AS n""").withParameters(Map.of("iins", iins)).execute().records().getFirst().get("n").asLong();
            if (pending == 0) {
                return (System.nanoTime() - from) / 1e9;
            }
            Thread.sleep(2_000);
        }
        return Double.NaN;
    }

    /** The counts, and what does not add up. */
    private record Accounting(Map<String, String> rows, List<String> failures) {
    }

    private Accounting account(Driver driver, FlakyReceiver receiver) {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> ids = List.copyOf(sent.keySet());
        List<String> iins = List.copyOf(sent.values());
        // sent = filed: one InboundMessage per message id, one Person per IIN
        var filed = driver.executableQuery("""
                UNWIND $ids AS id OPTIONAL MATCH (m:InboundMessage {messageId: id})
                WITH id, count(m) AS n
                RETURN count(CASE WHEN n = 1 THEN 1 END) AS once, count(CASE WHEN n = 0 THEN 1 END) AS missing,
                       count(CASE WHEN n > 1 THEN 1 END) AS more""").withParameters(Map.of("ids", ids)).execute().records().getFirst();
        var persons = driver.executableQuery("""
                UNWIND $iins AS iin OPTIONAL MATCH (p:Person {iin: iin})
                WITH iin, count(p) AS n
                RETURN count(CASE WHEN n = 1 THEN 1 END) AS once, count(CASE WHEN n <> 1 THEN 1 END) AS other""")
                .withParameters(Map.of("iins", iins)).execute().records().getFirst();
        long acknowledgedCount = acknowledged.size();
        rows.put("E5 records sent (distinct message ids)", Integer.toString(ids.size()));
        rows.put("… acknowledged by the intake (ACCEPTED / DUPLICATE on a resend)", "%d (%d / %d)".formatted(acknowledgedCount,
                acknowledged.values().stream().filter("ACCEPTED"::equals).count(),
                acknowledged.values().stream().filter("DUPLICATE"::equals).count()));
        rows.put("… filed once in the graph (InboundMessage per message id: once / missing / more than once)", "%d / %d / %d"
                .formatted(filed.get("once").asLong(), filed.get("missing").asLong(), filed.get("more").asLong()));
        rows.put("… persons in the graph by IIN (exactly one / other)", "%d / %d".formatted(persons.get("once").asLong(),
                persons.get("other").asLong()));
        if (acknowledgedCount != ids.size()) {
            failures.add("%d records sent, %d acknowledged".formatted(ids.size(), acknowledgedCount));
        }
        if (filed.get("once").asLong() != ids.size()) {
            failures.add("%d records sent, %d filed once".formatted(ids.size(), filed.get("once").asLong()));
        }
        if (persons.get("once").asLong() != ids.size()) {
            failures.add("%d records sent, %d persons filed once".formatted(ids.size(), persons.get("once").asLong()));
        }
        // queued: the outbox messages about these persons, each delivered once
        Map<String, String[]> queued = new HashMap<>();
        for (var r : driver.executableQuery("""
                UNWIND $iins AS iin MATCH (:Person {iin: iin})<-[:CONCERNS]-(m:OutboundMessage)
                RETURN m.id AS id, m.exchange AS exchange, m.status AS status, m.attempts AS attempts""")
                .withParameters(Map.of("iins", iins)).execute().records()) {
            queued.put(r.get("id").asString(), new String[]{r.get("exchange").asString(), r.get("status").asString(),
                    Long.toString(r.get("attempts").asLong(0))});
        }
        var expected = driver.executableQuery("""
                UNWIND $iins AS iin MATCH (p:Person {iin: iin})
                OPTIONAL MATCH (p)-[:HAS_PROGRAMME]->(prog:Programme)
                WITH p, count(prog) AS programmes
                OPTIONAL MATCH (p)-[:SERVED]->(:CustodyEpisode)-[:ENDS_WITH]->(:PlannedRelease)-[:RESIDENCE_IN]->(r:Region)
                WITH p, programmes, head(collect(r)) AS residence
                RETURN sum(programmes) AS programmes,
                       sum(CASE WHEN programmes > 0
                           THEN size([(a:Agency {kind: 'LOCAL_EXECUTIVE'})-[:SERVES]->(residence) | a]) ELSE 0 END) AS e2""")
                .withParameters(Map.of("iins", iins)).execute().records().getFirst();
        Map<String, Long> byExchange = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long attempts = 0;
        for (String[] m : queued.values()) {
            byExchange.merge(m[0], 1L, Long::sum);
            byStatus.merge(m[1], 1L, Long::sum);
            attempts += Long.parseLong(m[2]);
        }
        long e1 = byExchange.getOrDefault("E1", 0L);
        long e2 = byExchange.getOrDefault("E2", 0L);
        long programmes = expected.get("programmes").asLong();
        rows.put("programmes drawn up (acknowledged by the hub / in the graph)", "%d / %d".formatted(programmesAcknowledged.get(), programmes));
        rows.put("messages queued about these persons, by exchange", byExchange.toString());
        rows.put("… E1 expected (2 a record: the akimat and the police of the residence)", Long.toString(2L * ids.size()));
        rows.put("… E2 expected (one a programme to each akimat of the residence)", Long.toString(expected.get("e2").asLong()));
        rows.put("… by status at the end", byStatus.toString());
        rows.put("… delivery attempts the hub counted (failed ones included)", Long.toString(attempts));
        if (e1 != 2L * ids.size()) {
            failures.add("%d E1 queued, %d expected".formatted(e1, 2L * ids.size()));
        }
        if (e2 != expected.get("e2").asLong()) {
            failures.add("%d E2 queued, %d expected".formatted(e2, expected.get("e2").asLong()));
        }
        if (programmes != programmesAcknowledged.get()) {
            failures.add("%d programmes acknowledged, %d in the graph".formatted(programmesAcknowledged.get(), programmes));
        }
        long notDelivered = queued.values().stream().filter(m -> !"DELIVERED".equals(m[1])).count();
        if (notDelivered > 0) {
            failures.add("%d queued messages not DELIVERED at the end: %s".formatted(notDelivered, byStatus));
        }
        // the receiver's side: each queued id answered 200 exactly once
        var accepted = receiver.accepted();
        long once = 0, never = 0, twice = 0, extraCalls = 0;
        for (String id : queued.keySet()) {
            AtomicInteger n = accepted.get(id);
            int count = n == null ? 0 : n.get();
            if (count == 1) {
                once++;
            } else if (count == 0) {
                never++;
            } else {
                twice++;
                extraCalls += count - 1;
            }
        }
        long others = accepted.keySet().stream().filter(id -> !queued.containsKey(id)).count();
        rows.put("receiver: queued messages answered 200 exactly once / never / more than once", "%d / %d / %d"
                .formatted(once, never, twice));
        rows.put("receiver: duplicate deliveries (200 answers beyond the first)", Long.toString(extraCalls));
        rows.put("receiver: messages answered 200 that were not queued about the soak's persons", Long.toString(others));
        if (once != queued.size()) {
            failures.add("%d messages queued, %d delivered exactly once (%d never, %d more than once)".formatted(
                    queued.size(), once, never, twice));
        }
        long dead = driver.executableQuery("MATCH (m:OutboundMessage {status: 'DEAD'}) RETURN count(m) AS n").execute()
                .records().getFirst().get("n").asLong();
        rows.put("dead letters in the whole outbox", Long.toString(dead));
        if (dead > 0) {
            failures.add(dead + " dead letters in the outbox");
        }
        rows.put("receiver calls: 200 / 200 late / 503 at random / 503 in an outage", "%d / %d / %d / %d".formatted(
                receiver.answers(FlakyReceiver.Answer.OK), receiver.answers(FlakyReceiver.Answer.OK_SLOW),
                receiver.answers(FlakyReceiver.Answer.FAILED_503), receiver.answers(FlakyReceiver.Answer.OUTAGE_503)));
        rows.put("receiver calls carrying a W3C traceparent", "%d of %d".formatted(receiver.withTraceparent(), receiver.calls()));
        return new Accounting(rows, failures);
    }

    private String report(NationalDataset data, FlakyReceiver receiver, Accounting accounting, double rssStart, double hwmStart,
                          double rssAfterLoad, double rssEnd, double hwmEnd, String loadBefore, String loadAtStart,
                          String loadAtEnd, double drained, double loadSeconds) throws java.io.IOException {
        boolean passed = accounting.failures().isEmpty();
        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        List<Double> intake = all("intake");
        List<Double> reads = all("read");
        StringBuilder text = new StringBuilder();
        text.append("""
                # Soak

                Written by `benchmarks/soak` (`benchmarks/run --parts soak`; see the README). One run on the machine
                below; it reports, and fails (exit status 1) only when the accounting does not add up.

                %s**Result:** %s %s s of mixed load (%,d E5 records, %,d programmes, %,d GraphQL reads) against the hub's jar
                on a graph of %,d persons; the receiver failed %,d calls at random or in two outages of %d s. A shared
                machine: load average %s on its %d cores when the load began, %s at the end. %s
                Intake p99 %s ms, reads p99 %s ms over the whole run; %,d errors the clients saw. Hub
                resident set %s MB at the start of the load, %s MB at the end (peak %s MB; JVM `%s`). %s%s

                """.formatted(Report.SOAK_SUMMARY_START, passed ? "**passed**:" : "**FAILED**:", settings.seconds(), sent.size(),
                programmesAcknowledged.get(), readsDone.sum(), data.size(),
                receiver.answers(FlakyReceiver.Answer.FAILED_503) + receiver.answers(FlakyReceiver.Answer.OUTAGE_503),
                settings.outageSeconds(), loadAtStart.split(" ")[0], Runtime.getRuntime().availableProcessors(),
                loadAtEnd.split(" ")[0],
                passed ? "Every record sent was filed once, every message queued (E1, E2) was delivered exactly once, no dead letters."
                        : "The accounting did not add up: " + String.join("; ", accounting.failures()) + ".",
                fmt(Report.percentile(intake, 99)), fmt(Report.percentile(reads, 99)), errorCount, fmt(rssStart), fmt(rssEnd),
                fmt(hwmEnd), Hub.jvmOptions(), Double.isNaN(drained) ? "The outbox had not drained " + settings.drainSeconds() + " s after the load stopped."
                        : "The outbox drained within " + fmt(drained) + " s after the load stopped.",
                Report.SOAK_SUMMARY_END));
        text.append("""
                | | |
                |---|---|
                | date | %s |
                | hub measured | commit %s |
                | machine | %s, %d cores, %s |
                | JVM | %s %s |
                | sharing | **a shared machine**: the hub, its Neo4j (embedded in the harness's JVM) and the harness's clients run on these %d cores, beside other workers' builds and tests; load average (1, 5, 15 min) before the run %s, when the load began %s, at the end %s |
                | data | seed %d, scale %s: %,d persons loaded directly before the hub was driven |
                | load | open loop, each request on its own schedule: %s E5 records/s to `POST /intake/releases` (kuis-demo; a record whose call fails is sent again with the same message id, up to %d times), %s programmes/s (`createProgramme`, kuis-demo, for the person filed last), %s reads/s in turn: %s |
                | receiver | one JDK HTTP server for the akimats and police of Almaty and Astana (%s): %s of calls answered 503, %s answered 200 after 1 to 4 s, and every call answered 503 during the two outages (%s); the hub's defaults otherwise (retry from 5 s, doubling; circuit breaker opens at 50%% of 10 calls failed, for 30 s) |
                | run | a warm-up (%d records and %d reads, one at a time, sent and counted but not timed), %s s of load (the last request answered at %s s), then up to %d s for the outbox to drain |

                """.formatted(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC",
                Report.commit(), Report.cpu(), Runtime.getRuntime().availableProcessors(), Report.memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAtStart, loadAtEnd,
                seed, fmt(scale), data.size(), fmt(settings.intakeRate()), INTAKE_ATTEMPTS, fmt(settings.programmeRate()),
                fmt(settings.readRate()), String.join(", ", READS.stream().map(q -> q.name() + " (" + q.client() + ")").toList()),
                String.join(", ", Benchmarks.HANDOFF_AGENCIES), pct(settings.failShare()), pct(settings.slowShare()),
                String.join(" and ", outages), WARM_UP_RECORDS, 10 * READS.size(), settings.seconds(), fmt(loadSeconds),
                settings.drainSeconds()));
        text.append("## Accounting\n\n| | |\n|---|---|\n");
        accounting.rows().forEach((k, v) -> text.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        text.append("| circuit breaker of the receiver, from the hub's metrics (`hub_delivery_circuit_open`, every 5 s) | seen open or half open %d times in %d samples |\n"
                .formatted(circuitOpenings, circuitOpenSamples));
        text.append(passed ? "\nEverything adds up.\n" : "\n**Does not add up:**\n\n" + String.join("\n",
                accounting.failures().stream().map(f -> "- " + f).toList()) + "\n");
        text.append("""

                ## Over time

                Latency of each call as the client saw it (ms), by the minute the call began in; the hub's resident set
                (VmRSS), the machine's 1-minute load average and the receiver's calls so far, at the end of each minute.

                | minute | intake calls | intake p50 / p99 / max | reads | reads p50 / p99 / max | programmes p99 | hub RSS MB | load | receiver calls (503) so far |
                |---|---|---|---|---|---|---|---|---|
                """);
        int last = Math.max(minutes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0),
                (int) Math.ceil(settings.seconds() / 60.0));
        for (int minute = 1; minute <= last; minute++) {
            List<Double> in = sorted("intake", minute);
            List<Double> rd = sorted("read", minute);
            List<Double> pr = sorted("programme", minute);
            String[] m = minutes.getOrDefault(minute, new String[]{"", "", "", "", ""});
            text.append("| %d | %d | %s | %d | %s | %s | %s | %s | %s (%s) |\n".formatted(minute, in.size(), triple(in), rd.size(),
                    triple(rd), fmt(Report.percentile(pr, 99)), m[0], m[1], m[2], m[3]));
        }
        text.append("| all | %d | %s | %d | %s | %s | | | |\n".formatted(intake.size(), triple(intake), reads.size(), triple(reads),
                fmt(Report.percentile(all("programme"), 99))));
        text.append("""

                A minute past the load's last holds the few calls begun in its very last instant. The receiver's
                outages (times above) are the dispatcher's business: intake and reads answer before any delivery.

                ## Memory

                | hub resident set (MB) | at the start of the load | after the load | after the drain |
                |---|---|---|---|
                | VmRSS | %s | %s | %s |
                | VmHWM (peak so far) | %s | | %s |

                ## Errors the clients saw, by kind

                """.formatted(fmt(rssStart), fmt(rssAfterLoad), fmt(rssEnd), fmt(hwmStart), fmt(hwmEnd)));
        if (errors.isEmpty()) {
            text.append("None.\n");
        } else {
            text.append("| kind | count | first example |\n|---|---|---|\n");
            new TreeMap<>(errors).forEach((k, v) -> text.append("| %s | %d | %s |%n".formatted(k, v.sum(),
                    examples.getOrDefault(k, "").replace("|", "\\|").replace("\n", " "))));
        }
        text.append("\nIntake calls sent again after a failed call: %d. The receiver's 503s and late answers are the load, not errors; they are counted under Accounting.\n"
                .formatted(intakeRetries.sum()));
        text.append("""

                ## Warnings and errors in the hub's log

                The hub's whole log (`--logging.level.root=WARN`, start-up included), its WARN and ERROR lines by
                logger and message (numbers and hexadecimal ids replaced by #):

                """);
        Map<String, Long> logged = hubLog();
        if (logged.isEmpty()) {
            text.append("None.\n");
        } else {
            text.append("| lines | level, logger: message |\n|---|---|\n");
            logged.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> text.append("| %d | %s |%n".formatted(e.getValue(), e.getKey().replace("|", "\\|"))));
        }
        return text.toString();
    }

    private static final java.util.regex.Pattern LOG_LINE = java.util.regex.Pattern.compile(
            "^\\S+\\s+(WARN|ERROR) \\d+ --- \\[[^\\]]*] \\[[^\\]]*] \\[[^\\]]*] (\\S+)\\s*: (.*)$");

    /** The hub log's WARN and ERROR lines, counted by level, logger and message with its numbers masked. */
    private Map<String, Long> hubLog() {
        Map<String, Long> counts = new HashMap<>();
        try (var lines = Files.lines(hubLog, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                var m = LOG_LINE.matcher(line);
                if (m.matches()) {
                    String message = m.group(3).replaceAll("[0-9a-f]*\\d[0-9a-f]*", "#");
                    message = message.length() > 110 ? message.substring(0, 110) + "…" : message;
                    counts.merge(m.group(1) + " " + m.group(2) + ": " + message, 1L, Long::sum);
                }
            });
        } catch (Exception e) {
            counts.put("(the hub's log could not be read: " + e + ")", 0L);
        }
        return counts;
    }

    private List<Double> all(String stream) {
        List<Double> values = new ArrayList<>();
        latencies.getOrDefault(stream, Map.of()).values().forEach(list -> {
            synchronized (list) {
                values.addAll(list);
            }
        });
        Collections.sort(values);
        return values;
    }

    private List<Double> sorted(String stream, int minute) {
        List<Double> list = latencies.getOrDefault(stream, Map.of()).get(minute);
        if (list == null) {
            return List.of();
        }
        List<Double> values;
        synchronized (list) {
            values = new ArrayList<>(list);
        }
        Collections.sort(values);
        return values;
    }

    private static String triple(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return "";
        }
        return "%s / %s / %s".formatted(fmt(Report.percentile(sorted, 50)), fmt(Report.percentile(sorted, 99)), fmt(sorted.getLast()));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String pct(double share) {
        return fmt(100 * share) + "%";
    }

    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
