package kz.reentry.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import kz.reentry.hub.HubApplication;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The hub in a JVM of its own (the test's classpath, the repository as working directory), so a test
 * can kill it as a crash would: {@link #kill()} is SIGKILL, no shutdown hook runs, nothing is flushed.
 * Its embedded Neo4j listens on a loopback Bolt port of its own, which {@link #graph()} reaches (or
 * the graph named by a {@code --NEO4J_URI=} argument).
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final String graphUri;
    private Driver graph;

    private HubProcess(Process process, int port, String graphUri, Path log) {
        this.process = process;
        this.port = port;
        this.graphUri = graphUri;
        this.log = log;
    }

    /**
     * Starts a hub on the data directory (the graph in data/graph, the journal beside it) with the
     * given extra arguments ({@code --name=value}) and waits until it has started.
     */
    public static HubProcess start(String name, Path data, List<String> arguments) throws Exception {
        return start(name, data, arguments, Path.of("").toAbsolutePath());
    }

    /** As {@link #start(String, Path, List)}, with the process's working directory elsewhere than the repository. */
    public static HubProcess start(String name, Path data, List<String> arguments, Path workingDirectory) throws Exception {
        return start(name, data, arguments, workingDirectory, freePort());
    }

    /**
     * As {@link #start(String, Path, List)}, listening on the port given (one of {@link #freePort()}), for a
     * hub whose own address another must know before it starts, such as its issuer's. An argument
     * {@code --hub.security.embedded-issuer.issuer=} replaces the default issuer (http://hub.test).
     */
    public static HubProcess start(String name, Path data, List<String> arguments, Path workingDirectory, int port) throws Exception {
        int boltPort = freePort();
        Path log = Path.of("target", "hub-processes", name + "-" + port + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HubApplication.class.getName(),
                "--server.port=" + port,
                "--hub.neo4j.embedded.data-directory=" + data.resolve("graph"),
                "--hub.neo4j.embedded.bolt-port=" + boltPort,
                "--hub.neo4j.embedded.page-cache=32MB",
                "--hub.disclosure.journal=" + data.resolve("disclosure-journal.jsonl"),
                "--hub.intake.batch-directory=" + data.resolve("batches"),
                "--spring.artemis.embedded.data-directory=" + data.resolve("broker"),
                "--logging.level.root=WARN",
                "--logging.level.kz.reentry.hub=INFO"));
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--hub.security.embedded-issuer.issuer="))) {
            command.add("--hub.security.embedded-issuer.issuer=http://hub.test");
        }
        command.addAll(arguments);
        var process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        String graphUri = arguments.stream().filter(a -> a.startsWith("--NEO4J_URI=")).findFirst()
                .map(a -> a.substring("--NEO4J_URI=".length())).orElse("bolt://127.0.0.1:" + boltPort);
        var hub = new HubProcess(process, port, graphUri, log);
        try {
            hub.awaitStarted(Duration.ofMinutes(3));
            return hub;
        } catch (Exception e) {
            hub.kill();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The hub's graph through its own Bolt port, as an operator's tool would read it. */
    public synchronized Driver graph() {
        if (graph == null) {
            graph = GraphDatabase.driver(graphUri, AuthTokens.none(),
                    Config.builder().withoutEncryption().build());
        }
        return graph;
    }

    public long count(String cypher, java.util.Map<String, Object> parameters) {
        return graph().executableQuery(cypher).withParameters(parameters).execute().records().getFirst().get(0).asLong();
    }

    public String token(String clientId) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        return RestClient.create("http://127.0.0.1:" + port).post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(clientId, clientId + "-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class)
                .get("access_token").asString();
    }

    /** A GraphQL client of the demo client, operations from graphql-test/*.graphql. */
    public HttpSyncGraphQlClient graphQl(String clientId) {
        return HttpSyncGraphQlClient.builder(RestClient.create("http://127.0.0.1:" + port + "/graphql"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(clientId))
                .header("X-End-User", HubIntegrationTest.END_USER)
                .header("X-Purpose", HubIntegrationTest.PURPOSE)
                .documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")), List.of(".graphql")))
                .build();
    }

    /** Posts a release record as the penal system's demo client; the reply's status. */
    public String postRelease(String json) {
        return RestClient.create("http://127.0.0.1:" + port).post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token("kuis-demo"))
                .header("X-End-User", HubIntegrationTest.END_USER).header("X-Purpose", HubIntegrationTest.PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(json).retrieve().body(JsonNode.class)
                .get("status").asString();
    }

    /** As a crash: SIGKILL, no shutdown of Camel, the dispatcher or Neo4j. */
    public void kill() throws InterruptedException {
        closeGraph();
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        closeGraph();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private void closeGraph() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }

    private void awaitStarted(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        var client = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub stopped while starting; see " + log);
            }
            try {
                var reply = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                // started: the web server answers only once the application context is up. Health may
                // still be DOWN while the file route's first poll reads a file (Camel's consumer check)
                if ((reply.statusCode() == 200 || reply.statusCode() == 503) && reply.body().contains("\"status\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the hub had not started within " + patience + "; see " + log);
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
