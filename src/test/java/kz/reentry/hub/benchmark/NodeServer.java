package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** @neo4j/graphql on Apollo Server (benchmarks/neo4j-graphql), over the same database as the hub. */
final class NodeServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private NodeServer(Process process, int port) {
        this.process = process;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        this.port = port;
    }

    static NodeServer start(Path root, Path work, String bolt, int port) throws Exception {
        return start(root, work.resolve("neo4j-graphql.log"), bolt, port, Map.of());
    }

    /** With {@code environment} DEBUG=@neo4j/graphql:execution the log carries every generated statement. */
    static NodeServer start(Path root, Path log, String bolt, int port, Map<String, String> environment) throws Exception {
        Path directory = root.resolve("benchmarks/neo4j-graphql");
        var builder = new ProcessBuilder(List.of("node", "server.mjs")).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("NEO4J_URI", bolt, "PORT", Integer.toString(port)));
        builder.environment().putAll(environment);
        var server = new NodeServer(builder.start(), port);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Benchmarks.post(server.url(), "{\"query\":\"{ __typename }\"}", Map.of()).contains("Query")) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        server.close();
        throw new IllegalStateException("@neo4j/graphql did not start; see target/benchmarks/neo4j-graphql.log");
    }

    /** CPU seconds the Node process has used so far (user and system). */
    double cpuSeconds() throws IOException {
        return Hub.cpuSeconds(process.pid());
    }

    /** Peak resident set of the Node process, in MB. */
    double peakRssMegabytes() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
