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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The hub as a ministry runs it: its jar in its own process, here on a fixed port. */
final class Hub implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dataDirectory;

    /** The most private (anonymous) and file-backed resident memory seen, sampled twice a second, in kB. */
    private final java.util.concurrent.atomic.AtomicLong peakAnonymous = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong peakFileBacked = new java.util.concurrent.atomic.AtomicLong();

    private Hub(Process process, int port, Path dataDirectory) {
        this.process = process;
        // a harness stopped by Ctrl-C or a failure leaves no hub behind on its port
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        this.port = port;
        this.dataDirectory = dataDirectory;
        // the kernel keeps only the peak of the whole resident set (VmHWM); how much of it is the
        // process's own memory and how much mapped files (the AOT cache, jars) is sampled here
        Thread.ofVirtual().name("hub-memory-sampler").start(() -> {
            while (process.isAlive()) {
                try {
                    peakAnonymous.accumulateAndGet((long) (status("RssAnon") * 1024), Math::max);
                    peakFileBacked.accumulateAndGet((long) ((status("RssFile") + status("RssShmem")) * 1024), Math::max);
                    Thread.sleep(500);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    return;
                }
            }
        });
    }

    /** The most private (anonymous) resident memory sampled: the heap, stacks, native allocations, not mapped files. */
    double peakAnonymousMegabytes() {
        return peakAnonymous.get() / 1024.0;
    }

    /** The most file-backed resident memory sampled: mapped files (the AOT cache, jars), clean pages the kernel can drop. */
    double peakFileBackedMegabytes() {
        return peakFileBacked.get() / 1024.0;
    }

    /**
     * The hub's JVM options unless the environment's BENCH_HUB_JVM="..." says otherwise (space separated):
     * the heap the image gives it in the 1 GiB container of compose.yaml (MaxRAMPercentage=50), and its
     * collector (the image's -XX:+UseSerialGC, what the JVM picks by itself in that container).
     */
    private static final String HEAP = "-Xmx512m -XX:+UseSerialGC";

    /** The JVM options the hub's jar runs with in this run. */
    static String jvmOptions() {
        return java.util.Objects.requireNonNullElse(System.getenv("BENCH_HUB_JVM"), HEAP).strip().replaceAll("\\s+", " ");
    }

    static Hub start(Path root, Path work, Map<String, String> environment, int port) throws Exception {
        return start(root, work, environment, List.of(), port);
    }

    static Hub start(Path root, Path work, Map<String, String> environment, List<String> arguments, int port) throws Exception {
        Path jar = jar(root);
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions().split(" ")));
        // started as the image starts it: the extracted jar with the class-data cache of a training run
        // (unless -Dhub.cache=none, to measure the plain jar as ./mvnw package leaves it)
        if (!"none".equals(System.getProperty("hub.cache"))) {
            var cached = ClassDataCache.of(jar, work, environment.get("NEO4J_URI"));
            command.add(cached.option());
            jar = cached.jar();
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                // the benchmark client may send as fast as it can
                "--hub.edge.requests-per-second-by-client.kuis-demo=100000000",
                "--hub.edge.requests-per-second-by-client.probation-demo=100000000",
                "--hub.edge.requests-per-second-by-client.ngo-demo=100000000",
                "--logging.level.root=WARN"));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("hub-" + port + ".log").toFile());
        builder.environment().putAll(environment);
        var hub = new Hub(builder.start(), port, Path.of(environment.getOrDefault("HUB_DATA_DIR", "data")));
        try {
            hub.awaitHealthy(Duration.ofMinutes(10));
            return hub;
        } catch (Exception e) {
            hub.close();
            throw e;
        }
    }

    /** The jar the hubs run: -Dhub.jar=... measures another build (an earlier commit's) with this harness. */
    static Path jar(Path root) throws IOException {
        if (System.getProperty("hub.jar") != null) {
            return Path.of(System.getProperty("hub.jar"));
        }
        try (var jars = Files.list(root.resolve("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("reentry-hub-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hub jar in target/: run ./mvnw package first"));
        }
    }

    /** Makes the class-data cache the hubs start with, if not made yet for this build: before a start is timed. */
    static void prepare(Path root, Path work) throws Exception {
        if (!"none".equals(System.getProperty("hub.cache"))) {
            ClassDataCache.of(jar(root), work);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    String intakeUrl() {
        return "http://127.0.0.1:" + port + "/intake/releases";
    }

    String graphqlUrl() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    String token(String client) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return Benchmarks.json(body).get("access_token").asString();
    }

    /**
     * The sum of the hub's Prometheus samples of this name (all label sets), as the exchange operator's
     * monitoring client reads them: 0 when there are none.
     */
    double metric(String name) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token("monitoring-demo")).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Waits for the batch file to be DONE or FAILED, through the hub's own GraphQL. */
    JsonNode awaitBatch(String name, Duration patience) throws Exception {
        String token = token("kuis-demo");
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            String reply = Benchmarks.post(graphqlUrl(), "{\"query\":\"{ batchFiles(first: 50) { name status records accepted duplicates rejected } }\"}",
                    Map.of("Authorization", "Bearer " + token, "X-End-User", "benchmark", "X-Purpose", "benchmark"));
            for (JsonNode file : Benchmarks.json(reply).path("data").path("batchFiles")) {
                if (file.get("name").asString().equals(name) && !file.get("status").asString().equals("RUNNING")) {
                    return file;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("batch file " + name + " not done within " + patience);
    }

    /** A diagnostic command run on the hub's JVM (jcmd), e.g. JFR.start; its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        return jcmd(process.pid(), command);
    }

    /** A diagnostic command run on the JVM with this process id. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        var jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** CPU seconds the hub's process has used so far (user and system). */
    double cpuSeconds() throws IOException {
        return cpuSeconds(process.pid());
    }

    /** CPU seconds a process has used so far, from /proc/<pid>/stat (utime and stime, in clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    double rssMegabytes() throws IOException {
        return status("VmRSS");
    }

    double peakRssMegabytes() throws IOException {
        return status("VmHWM");
    }

    private double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private void awaitHealthy(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        var client = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub stopped while starting; see target/benchmarks/hub-" + port + ".log");
            }
            try {
                var reply = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && reply.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the hub was not healthy within " + patience);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
