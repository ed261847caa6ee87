package kz.reentry.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A ministry's own broker, as far as the hub can tell: an Apache Artemis server in a JVM of its own
 * (the test's classpath), persistent, reachable only over TCP, which a test can kill (SIGKILL) and
 * start again on the same journal. The hub is pointed at it with HUB_ARTEMIS_MODE=native.
 */
public final class StandaloneBroker implements AutoCloseable {

    private final Process process;
    private final int port;

    private StandaloneBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static StandaloneBroker start(Path journal, int port) throws Exception {
        Path log = Path.of("target", "broker-processes", "artemis-" + port + "-" + System.nanoTime() + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var process = new ProcessBuilder(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                // reloading its journal needs Netty's Unsafe access, off by default on JDK 25 (as the hub's main turns on)
                "-Dio.netty.noUnsafe=false", "-cp", System.getProperty("java.class.path"),
                StandaloneBroker.class.getName(), journal.toString(), Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var broker = new StandaloneBroker(process, port);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker stopped while starting; see " + log);
            }
            try (var probe = new Socket("127.0.0.1", port)) {
                return broker;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        broker.kill();
        throw new IllegalStateException("the broker had not started within a minute; see " + log);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** As a crash of the broker's machine: SIGKILL, nothing flushed beyond what its journal synced. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The broker process: journal directory and port. */
    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        // logback's default is DEBUG for all, which turns Artemis's audit log on: its caller lookup
        // (Subject.getSubject) is refused on JDK 23+ and the broker would not start
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq.audit"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        var configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(journal.resolve("journal").toString())
                .setBindingsDirectory(journal.resolve("bindings").toString())
                .setLargeMessagesDirectory(journal.resolve("large-messages").toString())
                .setPagingDirectory(journal.resolve("paging").toString())
                // the hub decides when a message is dead (ADR 0009): the broker must not first
                .addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(-1))
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + args[1]);
        configuration.addQueueConfiguration(QueueConfiguration.of("e5.release-records")
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        var server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        List<Object> keepAlive = new ArrayList<>(List.of(server));
        synchronized (keepAlive) {
            keepAlive.wait();
        }
    }
}
