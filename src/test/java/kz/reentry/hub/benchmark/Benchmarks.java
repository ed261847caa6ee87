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
    /** The read queries measured (by name), all by default: {@code --only 'person case view$'}. */
    private Pattern only = Pattern.compile("");
    /** Each wrk run repeated, to see how noisy the machine is: {@code --repeat 3}. */
    private int repeat = 1;
    /** CPU milliseconds per request of the timed reads, as table rows (--reads-only). */
    private final List<String> cpuPerRequest = new ArrayList<>();
    /** Where to record the hub under the timed reads with JFR, if anywhere: {@code --jfr target/benchmarks/reads.jfr}. */
    private Path jfr;

    private Benchmarks(Path root, long seed, double scale, int seconds, List<Integer> concurrency) throws IOException {
        this.root = root;
        this.work = Files.createDirectories(root.resolve("target/benchmarks"));
        clearEarlierRuns(work);
        this.seed = seed;
        this.scale = scale;
        this.seconds = seconds;
        this.concurrency = concurrency;
    }

    /**
     * The graph stores and hub data directories earlier runs left (1.5-2 GB each at scale 1): kept, they
     * filled the disk until the hub's broker, which stops taking messages above 90 % disk use, blocked
     * the broker intake. Only one harness runs in a tree at a time, so none of them is in use.
     */
    private static void clearEarlierRuns(Path work) throws IOException {
        try (var entries = Files.list(work)) {
            for (Path earlier : entries.filter(path -> Files.isDirectory(path)
                    && path.getFileName().toString().matches("(neo4j|hub)-\\d+")).toList()) {
                try (var tree = Files.walk(earlier)) {
                    for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("seed", "2026", "scale", "1", "seconds", "15",
                "concurrency", "1,4,16,64"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        long seed = Long.parseLong(options.get("seed"));
        double scale = Double.parseDouble(options.get("scale"));
        if (options.containsKey("generate-only")) {
            var data = new NationalDataset(seed, scale);
            if (options.containsKey("load-into")) {
                // directly, with the cases, into a Neo4j the hub has already migrated (reference data in place)
                try (var driver = GraphDatabase.driver(options.get("load-into"), AuthTokens.basic(
                        System.getenv().getOrDefault("NEO4J_USER", "neo4j"), System.getenv().getOrDefault("NEO4J_PASSWORD", "")))) {
                    var loader = new DirectLoader(driver);
                    loader.institutions();
                    loader.ngos();
                    double rate = loader.load(data, 0, data.size(), 2_000, true);
                    System.out.printf("Loaded %,d persons with their cases into %s (%,.0f persons/s)%n", data.size(),
                            options.get("load-into"), rate);
                }
            }
            if (options.containsKey("out") || !options.containsKey("load-into")) {
                Path out = Path.of(options.getOrDefault("out", "national-dataset.csv")).toAbsolutePath();
                int records = csv(data, 0, data.size(), out);
                System.out.printf("Wrote %,d E5 records (seed %d, scale %s) to %s%n", records, seed, options.get("scale"), out);
            }
            return;
        }
        var run = new Benchmarks(Path.of("").toAbsolutePath(), seed, scale, Integer.parseInt(options.get("seconds")),
                java.util.Arrays.stream(options.get("concurrency").split(",")).map(Integer::parseInt).toList());
        if (options.containsKey("parts") && List.of(options.get("parts").split(",")).contains("soak")) {
            // bounded and self-stopping; exits 1 when its accounting does not add up (benchmarks/soak)
            int status = Soak.run(run.root, run.work, seed, scale, Soak.Settings.from(options, run.root));
            System.exit(status);
        }
        if (options.containsKey("parts")) {
            run.parts(List.of(options.get("parts").split(",")), Integer.parseInt(options.getOrDefault("starts", "3")),
                    java.util.Arrays.stream(options.getOrDefault("handoff-rates", "5").split(","))
                            .map(Double::parseDouble).toList(),
                    Integer.parseInt(options.getOrDefault("handoff-records", "0")),
                    Integer.parseInt(options.getOrDefault("intake-records", "1000")));
            return;
        }
        if (options.containsKey("only")) {
            run.only = Pattern.compile(options.get("only"));
        }
        run.repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
        run.jfr = options.containsKey("jfr") ? Path.of(options.get("jfr")).toAbsolutePath() : null;
        if (options.containsKey("reads-only")) {
            run.readsOnly(options.getOrDefault("label", "reads"));
        } else {
            run.all();
        }
    }

    /**
     * Only the GraphQL reads (those --only selects), side by side, with their statement counts: the
     * data loaded directly, no start-up, intake or handoff runs; the figures go to
     * target/benchmarks/reads.md and the console, docs/benchmarks.md is left alone. A quick loop for
     * read work: {@code benchmarks/run --reads-only --scale 0.1 --only 'person case view$' --concurrency 1,4 --jfr target/benchmarks/reads.jfr}.
     */
    private void readsOnly(String label) throws Exception {
        report.environment(seed, scale, seconds);
        report.scale(scale);
        Path store = work.resolve("neo4j-" + System.currentTimeMillis());
        double peakRss;
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 2L * 1024 * 1024 * 1024)) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-" + System.currentTimeMillis()).toString()), 18081);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                var loader = new DirectLoader(driver);
                loader.institutions();
                loader.ngos();
                loader.load(data, 0, data.size(), 2_000, true);
                sideBySide(hub, driver, data, bolt, false);
                if (only.matcher(QueryMix.QUERIES.get(1).name()).find()) {
                    profileReleasesPage(hub, bolt, new GraphStatements(driver));
                }
                holdWhileAsked(bolt, hub);
                peakRss = hub.peakRssMegabytes();
                System.out.printf("The hub's own (anonymous) memory at most %.0f MB, mapped files at most %.0f MB%n",
                        hub.peakAnonymousMegabytes(), hub.peakFileBackedMegabytes());
            }
        }
        Path out = work.resolve(label + ".md");
        Files.writeString(out, report.readsOnly() + """

                CPU milliseconds per request during each timed run (/proc/<pid>/stat; the database is this
                JVM's embedded Neo4j, which also runs the harness's idle threads):

                | query | connections | hub | its database | @neo4j/graphql (Node.js) | its database |
                |---|---|---|---|---|---|
                """ + String.join("\n", cpuPerRequest) + "\n"
                + "\nThe hub's peak resident set (VmHWM) at the end: %.0f MB.\n".formatted(peakRss));
        System.out.println(report.readsOnly());
        System.out.println("Wrote " + out);
    }

    /**
     * With -Dbench.hold=<file>, the loaded graph and the hub stay up until that file exists, to look at
     * plans by hand (the Bolt address and the hub's URL are printed).
     */
    private static void holdWhileAsked(String bolt, Hub hub) throws InterruptedException {
        String hold = System.getProperty("bench.hold");
        if (hold == null) {
            return;
        }
        System.out.println("Holding: graph at " + bolt + ", hub at " + hub.graphqlUrl() + "; touch " + hold + " to go on");
        while (!Files.exists(Path.of(hold))) {
            Thread.sleep(1000);
        }
    }

    /**
     * Some parts alone, printed and not written to docs/benchmarks.md (to measure a change quickly):
     * {@code --parts startup,intake,handoff [--starts 3] [--intake-records 1000] [--handoff-rates 5,50]
     * [--handoff-records 300]}; the intake's and the handoff's graphs hold the dataset at {@code --scale}.
     */
    private void parts(List<String> parts, int starts, List<Double> rates, int records, int intakeRecords) throws Exception {
        if (parts.contains("startup")) {
            for (int i = 0; i < starts; i++) {
                System.out.printf("start-up to healthy, empty data directory: %.1f s%n", startUpWithEmbeddedNeo4j());
            }
        }
        if (parts.contains("intake")) {
            intakePart(intakeRecords);
        }
        if (!parts.contains("handoff")) {
            return;
        }
        Path store = work.resolve("neo4j-" + System.currentTimeMillis());
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 512L * 1024 * 1024);
             var receiver = new NoticeReceiver()) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            List<String> receivers = receivers(receiver);
            int port;
            try (var probe = new java.net.ServerSocket(0)) {
                // not the full run's fixed port: another checkout's harness may be using it on a shared machine
                port = probe.getLocalPort();
            }
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-" + System.currentTimeMillis()).toString()), receivers, port);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                var loader = new DirectLoader(driver);
                loader.institutions();
                loader.ngos();
                loader.load(data, 0, data.size(), 2_000, true);
                int from = 0;
                for (double rate : rates) {
                    int count = records > 0 ? records : Math.max(30, 4 * seconds);
                    List<Double> sorted = handoff(hub, receiver, data, rate, count, from).stream().sorted().toList();
                    System.out.printf("handoff at %s records/s, %d notices: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                            rate, sorted.size(), Report.percentile(sorted, 50), Report.percentile(sorted, 95),
                            Report.percentile(sorted, 99), sorted.isEmpty() ? Double.NaN : sorted.getLast());
                    from += count + HANDOFF_WARM_UP;
                }
            }
        }
    }

    private void all() throws Exception {
        long began = System.nanoTime();
        report.environment(seed, scale, seconds);
        report.scale(scale);
        startUpWithEmbeddedNeo4j();
        Path store = work.resolve("neo4j-" + System.currentTimeMillis());
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 2L * 1024 * 1024 * 1024);
             var receiver = new NoticeReceiver()) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            int brokerPort;
            try (var probe = new java.net.ServerSocket(0)) {
                brokerPort = probe.getLocalPort();
            }
            // the receiving systems of the akimats and police of the two cities the handoff records go to
            List<String> receivers = new ArrayList<>(receivers(receiver));
            // opt-in: the embedded broker accepts TCP on the loopback, so this process can publish to it
            receivers.add("--hub.intake.broker-tcp-port=" + brokerPort);
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-" + System.currentTimeMillis()).toString()), receivers, 18081);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                report.neo4jVersion(driver.executableQuery("CALL dbms.components() YIELD name, versions, edition "
                        + "RETURN name + ' ' + versions[0] + ' ' + edition AS v").execute().records().getFirst().get("v").asString());
                // the hub has run its migrations and reference data; now the population, directly
                var loader = new DirectLoader(driver);
                loader.institutions();
                loader.ngos();
                int ingestSample = Math.min(1_000, data.size() / 10);
                int preloaded = data.size() - 4 * ingestSample;
                Instant started = Instant.now();
                double loadRate = loader.load(data, 0, preloaded, 2_000, true);
                report.load(preloaded, Duration.between(started, Instant.now()), loadRate, counts(driver));

                // first, while the outbox is empty: the ingest below queues E1 notices of its own, and the
                // dispatcher takes at most batch-size messages per poll
                // at the pace of a normal day and at ten times it (the two rates), each after its own warm-up
                List<Report.Handoff> handoffs = new ArrayList<>();
                int from = 0;
                for (double rate : List.of(5.0, 50.0)) {
                    int count = (int) Math.max(Math.max(30, 4 * seconds), 6 * rate);
                    List<Double> latencies = handoff(hub, receiver, data, rate, count, from);
                    handoffs.add(new Report.Handoff(rate, count, latencies, missing, refused));
                    from += count + HANDOFF_WARM_UP;
                }
                report.handoff(HANDOFF_WARM_UP, handoffs);
                ingest(hub, loader, driver, "tcp://127.0.0.1:" + brokerPort, data, preloaded, ingestSample);
                sideBySide(hub, driver, data, bolt, true);
                profileReleasesPage(hub, bolt, new GraphStatements(driver));
            }
        }
        report.took((System.nanoTime() - began) / 1e9);
        Path out = root.resolve("docs/benchmarks.md");
        report.write(out, root.resolve("docs/benchmarks"));
        System.out.println("Wrote " + out);
    }

    /**
     * The reads on both servers over the same database: the same answers first, the statements each
     * runs, then the timed runs; with {@code memory}, each server's peak resident set under that load.
     */
    private void sideBySide(Hub hub, org.neo4j.driver.Driver driver, NationalDataset data, String bolt, boolean memory)
            throws Exception {
        var statements = new GraphStatements(driver);
        Path allIds = Files.write(work.resolve("person-ids.txt"), readSet(driver, data, seed, null));
        Path almatyIds = Files.write(work.resolve("person-ids-almaty.txt"), readSet(driver, data, seed, "KZ-75"));
        try (var alternative = NodeServer.start(root, work, bolt, 14000)) {
            report.alternativeVersions(Files.readString(work.resolve("neo4j-graphql.log")));
            sameAnswers(hub, alternative, allIds, almatyIds);
            whereTheTimeGoes(hub, alternative, statements, allIds, almatyIds);
            reads(hub, alternative, allIds, almatyIds);
            if (memory) {
                report.memory("hub under read load (peak resident set)", hub.peakRssMegabytes());
                report.memory("hub under read load, its own memory at most (anonymous: heap, stacks, native; sampled"
                        + " every 0.5 s), beside at most %.0f MB of mapped files (the AOT cache, jars: clean pages the kernel can drop)"
                        .formatted(hub.peakFileBackedMegabytes()), hub.peakAnonymousMegabytes());
                report.memory("@neo4j/graphql on Apollo Server (Node.js) under the same load (peak resident set)",
                        alternative.peakRssMegabytes());
            }
        }
    }

    static final List<String> HANDOFF_AGENCIES = List.of("KZ-MIO-75", "KZ-OVD-75", "KZ-MIO-71", "KZ-OVD-71");

    /**
     * The hub's settings for the receiving systems of the handoff's agencies: each agency its own system
     * (and so its own bulkhead of calls), as the akimats and police departments are, all answered here
     * by one stand-in.
     */
    static List<String> receivers(NoticeReceiver receiver) {
        List<String> settings = new ArrayList<>();
        for (String agency : HANDOFF_AGENCIES) {
            String name = agency.toLowerCase(java.util.Locale.ROOT);
            settings.add("--hub.delivery.receivers." + name + ".agencies=" + agency);
            settings.add("--hub.delivery.receivers." + name + ".endpoint=" + receiver.endpoint());
            settings.add("--hub.delivery.receivers." + name + ".format=JSON");
        }
        return settings;
    }
    private static final int HANDOFF_WARM_UP = 20;
    /** Records beyond the dataset's own (numbers size + k): the handoff's, then its warm-up's, then the timed intake file's. */
    private static final int HANDOFF_WARM_UP_FROM = 100_000;
    private static final int TIMED_INTAKE_FROM = 200_000;
    /** Records beyond the dataset's own that warm the file and broker channels up before they are timed. */
    private static final int INTAKE_WARM_UP_FROM = 300_000;
    private static final int FILE_WARM_UP = 200;
    private static final int BROKER_WARM_UP = 50;

    /** The records of the dataset as the CSV the batch channel takes (and benchmarks/run --generate-only writes). */
    static int csv(NationalDataset data, int from, int to, Path out) throws IOException {
        List<String> columns = new ArrayList<>(NationalDataset.flat(data.record(from)).keySet());
        try (var writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", columns));
            writer.write('\n');
            for (int index = from; index < to; index++) {
                var flat = NationalDataset.flat(data.record(index));
                writer.write(columns.stream().map(c -> "\"" + flat.getOrDefault(c, "").replace("\"", "\"\"") + "\"")
                        .reduce((a, b) -> a + "," + b).orElse(""));
                writer.write('\n');
            }
        }
        return to - from;
    }

    /** How many of each kind of node the graph holds after the load. */
    private static Map<String, Long> counts(org.neo4j.driver.Driver driver) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String label : List.of("Person", "CustodyEpisode", "PlannedRelease", "Institution", "Ngo", "District",
                "Programme", "Measure", "Referral", "Obligation")) {
            counts.put(label, driver.executableQuery("MATCH (n:" + label + ") RETURN count(n) AS n").execute()
                    .records().getFirst().get("n").asLong());
        }
        for (var r : driver.executableQuery("MATCH (r:Referral) RETURN r.status AS status, count(*) AS n ORDER BY status")
                .execute().records()) {
            counts.put("Referral " + r.get("status").asString(), r.get("n").asLong());
        }
        return counts;
    }

    /** Time from launching the jar to a healthy hub, with its own embedded Neo4j in a fresh directory. */
    private double startUpWithEmbeddedNeo4j() throws Exception {
        Path data = work.resolve("embedded-" + System.currentTimeMillis());
        // the training run of the cache the hub starts with is part of the build, not of the start
        Hub.prepare(root, work);
        long started = System.nanoTime();
        try (var hub = Hub.start(root, work, Map.of("HUB_DATA_DIR", data.toString(), "HUB_EMBEDDED_BOLT_PORT", "0"), 18082)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            report.startUp(seconds, hub.rssMegabytes());
            return seconds;
        }
    }

    private void ingest(Hub hub, DirectLoader loader, org.neo4j.driver.Driver driver, String broker, NationalDataset data,
                        int from, int count) throws Exception {
        var rates = intakeRates(hub, loader, driver, broker, data, from, count);
        report.ingest(count, rates.file(), rates.batch(), rates.http(), rates.httpPerFiling(), rates.broker(),
                rates.brokerPerFiling(), rates.unwind());
        intakeStatements(hub, driver, data, batchDirectory(hub));
    }

    /** Records/s of each intake channel and of the plain UNWIND baseline, measured one after another in the same run. */
    private record IntakeRates(double file, JsonNode batch, Wrk.Intake http, double httpPerFiling, double broker,
                               double brokerPerFiling, double unwind) {
    }

    /** Records answered per filing of the channels that bring one record at a time, between two readings. */
    private record Filings(double filings, double records) {

        static Filings of(Hub hub) throws IOException, InterruptedException {
            return new Filings(hub.metric("hub_intake_filed_together_records_count"),
                    hub.metric("hub_intake_filed_together_records_sum"));
        }

        double perFilingSince(Filings before) {
            return (records - before.records) / (filings - before.filings);
        }
    }

    private static Path batchDirectory(Hub hub) {
        return hub.dataDirectory().resolve("intake/e5");
    }

    /**
     * The intake alone ({@code --parts intake [--intake-records 1000]}): a hub on a fresh embedded Neo4j
     * holding the dataset at {@code --scale} (less the records to ingest), then the three channels and
     * the baseline as the full run measures them, printed with their ratios to the baseline.
     */
    private void intakePart(int count) throws Exception {
        Path store = work.resolve("neo4j-" + System.currentTimeMillis());
        try (var neo4j = EmbeddedNeo4j.start(store, 0, 512L * 1024 * 1024)) {
            String bolt = "bolt://127.0.0.1:" + neo4j.boltUri().getPort();
            var data = new NationalDataset(seed, scale);
            int brokerPort;
            int port;
            try (var probe = new java.net.ServerSocket(0); var other = new java.net.ServerSocket(0)) {
                brokerPort = probe.getLocalPort();
                port = other.getLocalPort();
            }
            try (var hub = Hub.start(root, work, Map.of("NEO4J_URI", bolt,
                    "HUB_DATA_DIR", work.resolve("hub-" + System.currentTimeMillis()).toString()),
                    List.of("--hub.intake.broker-tcp-port=" + brokerPort), port);
                 var driver = GraphDatabase.driver(bolt, AuthTokens.none(), Config.builder().withoutEncryption().build())) {
                var loader = new DirectLoader(driver);
                loader.institutions();
                loader.ngos();
                int preloaded = Math.max(0, data.size() - 4 * count);
                loader.load(data, 0, preloaded, 2_000, true);
                var rates = intakeRates(hub, loader, driver, "tcp://127.0.0.1:" + brokerPort, data, preloaded, count);
                System.out.printf("intake of %d records a channel over %,d persons: batch file %,.0f records/s (%.2f of UNWIND; %s accepted, %s rejected),"
                                + " HTTP %,.0f records/s (%.2f; %d filed, %d other answers in %.1f s; %.2f records a filing),"
                                + " broker %,.0f records/s (%.2f; %.2f records a filing),"
                                + " UNWIND baseline %,.0f records/s%n", count, preloaded, rates.file(), rates.file() / rates.unwind(),
                        rates.batch().get("accepted").asString(), rates.batch().get("rejected").asString(),
                        rates.http().acceptedPerSecond(), rates.http().acceptedPerSecond() / rates.unwind(),
                        rates.http().accepted(), rates.http().other(), rates.http().seconds(), rates.httpPerFiling(),
                        rates.broker(), rates.broker() / rates.unwind(), rates.brokerPerFiling(), rates.unwind());
                intakeStatements(hub, driver, data, batchDirectory(hub));
                System.out.println(report.lastSection());
                holdWhileAsked(bolt, hub);
            }
        }
    }

    private IntakeRates intakeRates(Hub hub, DirectLoader loader, org.neo4j.driver.Driver driver, String broker,
                                    NationalDataset data, int from, int count) throws Exception {
        // the batch-file channel: a CSV of `count` records dropped into the watched directory, after a
        // smaller file not timed, as the baseline's statement is warm from the load (the first file of a
        // hub plans each filing statement for each size of group, and the JIT has not seen the channel)
        Path batchDirectory = batchDirectory(hub);
        Files.createDirectories(batchDirectory);
        Path warmUp = work.resolve("warm-up-" + seed + ".csv");
        csv(data, data.size() + INTAKE_WARM_UP_FROM, data.size() + INTAKE_WARM_UP_FROM + FILE_WARM_UP, warmUp);
        Files.move(warmUp, batchDirectory.resolve(warmUp.getFileName()));
        hub.awaitBatch(warmUp.getFileName().toString(), Duration.ofMinutes(10));
        Path csv = work.resolve("ingest-" + seed + ".csv");
        csv(data, from, from + count, csv);
        long started = System.nanoTime();
        Files.move(csv, batchDirectory.resolve(csv.getFileName()));
        JsonNode done = hub.awaitBatch(csv.getFileName().toString(), Duration.ofMinutes(30));
        double fileRate = done.get("records").asInt() / ((System.nanoTime() - started) / 1e9);
        // the HTTP channel: the next `count` records, each POSTed once by wrk over 4 connections
        Path bodies = work.resolve("intake-records.jsonl");
        List<String> lines = new ArrayList<>();
        for (int index = from + count; index < from + 2 * count; index++) {
            lines.add(JSON.writeValueAsString(data.record(index)));
        }
        Files.write(bodies, lines);
        // a fixed window (20 s; -Dintake.http-seconds), long enough that warm-up does not dominate: it was
        // derived from the file's rate, and a faster file left HTTP a few seconds, mostly warm-up
        int httpSeconds = Integer.getInteger("intake.http-seconds", 20);
        var beforeHttp = Filings.of(hub);
        var http = Wrk.intake(root, hub.intakeUrl(), "Authorization: Bearer " + hub.token("kuis-demo"), bodies, 4, httpSeconds);
        // the broker channel: the next `count` records published to the queue, timed until all are filed
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int index = from + 2 * count; index < from + 3 * count; index++) {
            messages.add(data.record(index));
        }
        List<Map<String, Object>> brokerWarmUp = new ArrayList<>();
        for (int index = 0; index < BROKER_WARM_UP; index++) {
            brokerWarmUp.add(data.record(data.size() + INTAKE_WARM_UP_FROM + FILE_WARM_UP + index));
        }
        brokerIngest(driver, broker, brokerWarmUp);
        var beforeBroker = Filings.of(hub);
        double brokerRate = brokerIngest(driver, broker, messages);
        var afterBroker = Filings.of(hub);
        // the baseline: the same kind of records, written with the plain driver
        double unwindRate = loader.load(data, from + 3 * count, from + 4 * count, 1_000, false);
        return new IntakeRates(fileRate, done, http, beforeBroker.perFilingSince(beforeHttp), brokerRate,
                afterBroker.perFilingSince(beforeBroker), unwindRate);
    }

    /**
     * Where an intake record's time goes: one more, smaller batch file, whose records are filed one after
     * another (so no statement waits for another record's locks), with every statement Neo4j ran meanwhile
     * timed. Small, because the database's query collection keeps at most 8,192 invocations.
     */
    private void intakeStatements(Hub hub, org.neo4j.driver.Driver driver, NationalDataset data, Path batchDirectory)
            throws Exception {
        int records = 200;
        Path csv = work.resolve("timed-" + seed + ".csv");
        csv(data, data.size() + TIMED_INTAKE_FROM, data.size() + TIMED_INTAKE_FROM + records, csv);
        var statements = new GraphStatements(driver).timedDuring(() -> {
            Files.move(csv, batchDirectory.resolve(csv.getFileName()));
            return hub.awaitBatch(csv.getFileName().toString(), Duration.ofMinutes(10));
        });
        report.intakeStatements(records, statements);
    }

    /** Records per second from the first message sent to the last record filed (NaN if not all were filed within 30 minutes). */
    private static double brokerIngest(org.neo4j.driver.Driver driver, String broker, List<Map<String, Object>> records)
            throws Exception {
        List<Object> ids = records.stream().map(r -> r.get("messageId")).toList();
        long started = System.nanoTime();
        BrokerPublisher.publish(broker, "e5.release-records", records);
        long deadline = started + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            long filed = driver.executableQuery("UNWIND $ids AS id MATCH (m:InboundMessage {messageId: id}) RETURN count(m) AS n")
                    .withParameters(Map.of("ids", ids)).execute().records().getFirst().get("n").asLong();
            if (filed >= ids.size()) {
                return ids.size() / ((System.nanoTime() - started) / 1e9);
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }

    /**
     * Handoff: records whose release is less than a year away, posted at a steady rate; the intake
     * queues the E1 notice in the same transaction, the dispatcher delivers it to the receiver.
     * Measured from the intake's answer to the notice's arrival, for every notice.
     */
    private List<Double> handoff(Hub hub, NoticeReceiver receiver, NationalDataset data, double rate, int count, int from)
            throws Exception {
        var client = new IntakeClient(hub.intakeUrl(), hub.token("kuis-demo"));
        // a freshly started hub compiles its code paths on the first records: those are warm-up, not measured
        List<Map<String, Object>> warmUp = new ArrayList<>();
        for (int k = 0; k < HANDOFF_WARM_UP; k++) {
            warmUp.add(handoffRecord(data, HANDOFF_WARM_UP_FROM + from + k));
        }
        client.paced(warmUp, rate, new java.util.concurrent.atomic.AtomicInteger());
        awaitNotices(receiver, iins(warmUp));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            records.add(handoffRecord(data, from + k));
        }
        List<String> iins = iins(records);
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        long[] answered = client.paced(records, rate, failures);
        awaitNotices(receiver, iins);
        List<Double> latencies = new ArrayList<>();
        missing = 0;
        for (int k = 0; k < count; k++) {
            var arrivals = receiver.arrivals(iins.get(k));
            missing += Math.max(0, 2 - arrivals.size());
            for (long arrived : arrivals) {
                latencies.add((arrived - answered[k]) / 1e6);
            }
        }
        refused = failures.get();
        if (missing > 0 || refused > 0) {
            System.out.printf("handoff at %s records/s: %d notices missing, %d records refused%n", rate, missing, refused);
        }
        return latencies;
    }

    /** Of the last handoff run: notices that never arrived, records the intake refused. */
    private int missing;
    private int refused;

    /** Until both notices (akimat, police) of every record have arrived, for at most a minute. */
    private static void awaitNotices(NoticeReceiver receiver, List<String> iins) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && iins.stream().anyMatch(iin -> receiver.arrivals(iin).size() < 2)) {
            Thread.sleep(100);
        }
    }

    private static List<String> iins(List<Map<String, Object>> records) {
        return records.stream().map(r -> (String) ((Map<?, ?>) r.get("person")).get("iin")).toList();
    }

    /** Record number size + k, to be released in 30 to 329 days into Astana or Almaty (whose receivers are configured). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> handoffRecord(NationalDataset data, int k) {
        var record = data.record(data.size() + k);
        var date = java.time.LocalDate.now().plusDays(30 + (k * 37) % 300);
        record.put("messageId", "handoff-" + k + "-" + data.size());
        var custody = new LinkedHashMap<>((Map<String, Object>) record.get("custody"));
        custody.put("termEnd", date.toString());
        custody.put("termStart", date.minusYears(3).toString());
        record.put("custody", custody);
        var release = new LinkedHashMap<>((Map<String, Object>) record.get("release"));
        release.put("date", date.toString());
        release.put("residenceRegion", k % 2 == 0 ? "KZ-75" : "KZ-71");
        record.put("release", release);
        return record;
    }

    /**
     * The persons the case view asks for: a fixed sample spread over the whole dataset (custody,
     * probation, released, every region), the same for the same seed; optionally only those of a region.
     */
    static List<String> readSet(org.neo4j.driver.Driver driver, NationalDataset data, long seed, String region) {
        List<String> iins = new ArrayList<>();
        int size = data.size();
        for (int index : NationalDataset.sample(size, Math.min(size, region == null ? 2_000 : 20_000), seed)) {
            iins.add((String) ((Map<?, ?>) data.record(index).get("person")).get("iin"));
        }
        Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("iins", iins);
        parameters.put("region", region);
        return driver.executableQuery("""
                UNWIND $iins AS iin
                MATCH (p:Person {iin: iin})
                WHERE $region IS NULL OR EXISTS { (p)-[:WAS]->(:PersonState)-[:IN_REGION]->(:Region {code: $region}) }
                   OR EXISTS { (p)-[:SERVED]->(:CustodyEpisode)-[:ENDS_WITH]->(:PlannedRelease)-[:RESIDENCE_IN]->(:Region {code: $region}) }
                WITH DISTINCT p ORDER BY p.iin
                RETURN p.id AS id LIMIT 2000
                """).withParameters(parameters).execute().records().stream().map(r -> r.get("id").asString()).toList();
    }

    private List<QueryMix> measured() {
        List<QueryMix> all = new ArrayList<>(QueryMix.QUERIES);
        all.add(1, QueryMix.CASE_VIEW_REGIONAL);
        return all.stream().filter(q -> only.matcher(q.name()).find()).toList();
    }

    private Path ids(QueryMix query, Path all, Path almaty) {
        return switch (query.persons()) {
            case ALL -> all;
            case ALMATY -> almaty;
            case NONE -> null;
        };
    }

    /** Before anything is timed: both servers answer each query without errors and with the same rows. */
    private void sameAnswers(Hub hub, NodeServer alternative, Path all, Path almaty) throws Exception {
        for (var query : measured()) {
            Path file = ids(query, all, almaty);
            List<String> persons = file == null ? java.util.Collections.singletonList(null)
                    : Files.readAllLines(file).stream().limit(20).toList();
            int hubRows = 0, altRows = 0, hubValues = 0, altValues = 0, hubErrors = 0, altErrors = 0;
            Map<String, String> headers = hubHeaders(hub, query.client());
            for (String person : persons) {
                JsonNode hubAnswer = json(post(hub.graphqlUrl(), person == null ? query.hubBody().replace("%%", "%") : query.hubBody(person), headers));
                JsonNode altAnswer = json(post(alternative.url(), person == null ? query.alternativeBody().replace("%%", "%") : query.alternativeBody(person), Map.of()));
                hubRows += QueryMix.rows(hubAnswer);
                altRows += QueryMix.rows(altAnswer);
                hubValues += QueryMix.values(hubAnswer.path("data"));
                altValues += QueryMix.values(altAnswer.path("data"));
                hubErrors += hubAnswer.path("errors").size();
                altErrors += altAnswer.path("errors").size();
                if (hubAnswer.has("errors") || altAnswer.has("errors")) {
                    System.out.println(query.name() + ": hub " + hubAnswer.path("errors") + " alternative " + altAnswer.path("errors"));
                }
            }
            report.check(query.name(), persons.size(), hubRows, altRows, hubValues, altValues, hubErrors, altErrors);
        }
    }

    /** Statements per request, from the database's own count, and the cost of the rows condition. */
    private void whereTheTimeGoes(Hub hub, NodeServer alternative, GraphStatements statements, Path all, Path almaty)
            throws Exception {
        int requests = 20;
        for (var query : List.of(QueryMix.QUERIES.get(0), QueryMix.CASE_VIEW_REGIONAL, QueryMix.QUERIES.get(1))) {
            if (!only.matcher(query.name()).find()) {
                continue;
            }
            Path file = ids(query, all, almaty);
            List<String> persons = file == null ? java.util.Collections.nCopies(requests, (String) null)
                    : Files.readAllLines(file).stream().limit(requests).toList();
            Map<String, String> headers = hubHeaders(hub, query.client());
            try {
                var onHub = statements.during(() -> {
                    for (String person : persons) {
                        post(hub.graphqlUrl(), person == null ? query.hubBody().replace("%%", "%") : query.hubBody(person), headers);
                    }
                    return null;
                });
                var onAlternative = statements.during(() -> {
                    for (String person : persons) {
                        post(alternative.url(), person == null ? query.alternativeBody().replace("%%", "%") : query.alternativeBody(person), Map.of());
                    }
                    return null;
                });
                report.statements(query.name(), persons.size(), onHub, onAlternative);
            } catch (Exception e) {
                report.statementsUnavailable(query.name(), e.getMessage());
            }
        }
    }

    private Map<String, String> hubHeaders(Hub hub, String client) throws Exception {
        return Map.of("Authorization", "Bearer " + hub.token(client), "X-End-User", "benchmark", "X-Purpose", "benchmark");
    }

    private void reads(Hub hub, NodeServer alternative, Path all, Path almaty) throws Exception {
        for (var query : measured()) {
            Path ids = ids(query, all, almaty);
            var headers = hubHeaders(hub, query.client());
            String hubHeaders = String.join("|", headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
            // warm both up (JIT, caches, pools) before anything is recorded, a whole run's length: the hub
            // starts from an AOT cache that holds no compiled code
            Wrk.run(root, hub.graphqlUrl(), query.hubBody(), hubHeaders, ids, 4, Math.max(10, seconds));
            Wrk.run(root, alternative.url(), query.alternativeBody(), "", ids, 4, Math.max(10, seconds));
            for (int connections : concurrency) {
                for (int round = 0; round < repeat; round++) {
                    String recording = jfr == null ? null : "filename=" + jfr.resolveSibling(jfr.getFileName().toString()
                            .replace(".jfr", "") + "-" + query.name().replaceAll("\\W+", "-") + "-c" + connections + "-" + round + ".jfr");
                    if (recording != null) {
                        hub.jcmd("JFR.start", "name=reads", "settings=profile", recording);
                        // and this JVM, whose embedded Neo4j answers the hub's statements
                        Hub.jcmd(ProcessHandle.current().pid(), "JFR.start", "name=reads", "settings=profile",
                                recording.replace(".jfr", "-neo4j.jfr"));
                    }
                    long self = ProcessHandle.current().pid();
                    double hubCpu = hub.cpuSeconds();
                    double databaseCpu = Hub.cpuSeconds(self);
                    var hubResult = Wrk.run(root, hub.graphqlUrl(), query.hubBody(), hubHeaders, ids, connections, seconds);
                    hubCpu = hub.cpuSeconds() - hubCpu;
                    databaseCpu = Hub.cpuSeconds(self) - databaseCpu;
                    if (recording != null) {
                        hub.jcmd("JFR.stop", "name=reads");
                        Hub.jcmd(self, "JFR.stop", "name=reads");
                    }
                    double altCpu = alternative.cpuSeconds();
                    double altDatabaseCpu = Hub.cpuSeconds(self);
                    var altResult = Wrk.run(root, alternative.url(), query.alternativeBody(), "", ids, connections, seconds);
                    altCpu = alternative.cpuSeconds() - altCpu;
                    altDatabaseCpu = Hub.cpuSeconds(self) - altDatabaseCpu;
                    // CPU per request is what a loaded machine cannot hide: req/s follows the share of the cores a process gets
                    String cpu = String.format(java.util.Locale.ROOT,
                            "| %s | %d | %.2f | %.2f | %.2f | %.2f |", query.name(), connections,
                            1000 * hubCpu / hubResult.requests(), 1000 * databaseCpu / hubResult.requests(),
                            1000 * altCpu / altResult.requests(), 1000 * altDatabaseCpu / altResult.requests());
                    cpuPerRequest.add(cpu);
                    System.out.println(cpu);
                    report.read(query.name(), connections, hubResult, altResult);
                    System.out.printf("%s c=%d hub %.0f req/s p50 %.1f ms, @neo4j/graphql %.0f req/s p50 %.1f ms%n",
                            query.name(), connections, hubResult.requestsPerSecond(), hubResult.p50(),
                            altResult.requestsPerSecond(), altResult.p50());
                }
            }
        }
    }

    /**
     * The releases page's Cypher on both sides, PROFILEd with the same parameters: the hub's as the
     * database saw it, @neo4j/graphql's from its own debug log.
     */
    private void profileReleasesPage(Hub hub, String bolt, GraphStatements statements) throws Exception {
        var page = QueryMix.QUERIES.get(1);
        Path log = work.resolve("neo4j-graphql-debug.log");
        try (var alternative = NodeServer.start(root, log, bolt, 14001, Map.of("DEBUG", "@neo4j/graphql:execution"))) {
            var headers = hubHeaders(hub, page.client());
            var seen = statements.during(() -> post(hub.graphqlUrl(), page.hubBody().replace("%%", "%"), headers));
            String hubCypher = seen.keySet().stream().filter(q -> q.contains("PlannedRelease") && q.contains("LIMIT $limit"))
                    .findFirst().orElse(null);
            post(alternative.url(), page.alternativeBody().replace("%%", "%"), Map.of());
            Thread.sleep(500);
            String text = Files.readString(log);
            int executing = text.lastIndexOf("executing cypher");
            int params = text.indexOf("cypher params: ", executing);
            if (hubCypher == null || executing < 0 || params < 0) {
                report.profileUnavailable("the statements were not captured (see " + log + ")");
                return;
            }
            String prefix = "@neo4j/graphql:execution ";
            String block = text.substring(text.indexOf('\n', executing) + 1, text.lastIndexOf('\n', params));
            String altCypher = block.substring(block.indexOf(prefix) + prefix.length()).strip();
            String paramsJson = text.substring(params + "cypher params: ".length(), text.indexOf('\n', params)).strip();
            var altParameters = GraphStatements.parameters(json(paramsJson));
            Map<String, Object> hubParameters = new java.util.HashMap<>(Map.of("seekFrom", java.time.LocalDate.parse("2027-01-01"),
                    "to", java.time.LocalDate.parse("2027-06-30"), "region", "KZ-75", "limit", 51L,
                    "scopeRegion", "KZ", "scopeAgency", "KZ-KUIS", "scopeJurisdiction", "KZ", "scopeHome", true));
            hubParameters.put("afterDate", null);
            hubParameters.put("afterId", null);
            report.profile(hubCypher, statements.profile(hubCypher, hubParameters), altCypher,
                    statements.profile(altCypher, altParameters));
        } catch (Exception e) {
            report.profileUnavailable(e.toString());
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
