package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.E5Queue;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The penal system publishes release records to the embedded broker, and the hub is killed (SIGKILL)
 * while it is filing them. Started again on the same data directory, it files every one of them
 * exactly once: the broker kept what it had accepted in its journal, and a message is acknowledged
 * only once its record is filed (one InboundMessage per messageId, one person per record, nothing
 * left on the queue).
 */
@BesideTheSharedHub
class BrokerAfterCrashIT {

    private static final int RECORDS = 300;

    @Test
    @DisplayName("after a kill -9 while the hub files broker messages, every message published is filed exactly once after the restart")
    void crashWhileFilingBrokerMessages(@TempDir Path data) throws Exception {
        String prefix = "bcrash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> messages = new ArrayList<>();
        List<String> iins = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            LocalDate born = LocalDate.of(1962, 1, 1).plusDays(i);
            String iin = TestIins.forBirthDate(born);
            iins.add(iin);
            messages.add(ReleaseRecords.validRelease(LocalDate.of(2046, 3, 1).plusDays(i % 200))
                    .set("messageId", prefix + i).set("person.birthDate", born.toString())
                    .set("person.iin", iin).json());
        }
        int brokerPort = freePort();
        List<String> arguments = List.of("--hub.intake.broker-tcp-port=" + brokerPort);
        String countFiled = "MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix RETURN count(m)";

        ZonedDateTime killedAt;
        var crashed = HubProcess.start("broker-crashed", data, arguments);
        try {
            E5Queue.publish("tcp://127.0.0.1:" + brokerPort, messages);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> crashed.count(countFiled, Map.of("prefix", prefix)) >= 30);
        } finally {
            crashed.kill();
            killedAt = ZonedDateTime.now();
        }

        try (var restarted = HubProcess.start("broker-restarted", data, arguments)) {
            long filedBeforeKill = restarted.count("""
                    MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix AND m.receivedAt < $killedAt
                    RETURN count(m)""", Map.of("prefix", prefix, "killedAt", killedAt));
            assertThat(filedBeforeKill).as("filed before the kill").isBetween(30L, (long) RECORDS - 1);

            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> restarted.count(countFiled, Map.of("prefix", prefix)) >= RECORDS);
            // redeliveries of what was filed but not yet acknowledged have come and gone
            await().atMost(Duration.ofSeconds(30)).until(() -> E5Queue.depth("tcp://127.0.0.1:" + brokerPort) == 0);

            assertThat(restarted.count(countFiled, Map.of("prefix", prefix))).isEqualTo(RECORDS);
            assertThat(restarted.count("""
                    MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix
                    RETURN count(DISTINCT m.messageId)""", Map.of("prefix", prefix))).isEqualTo(RECORDS);
            assertThat(restarted.count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p)", Map.of("iins", iins)))
                    .isEqualTo(RECORDS);
            assertThat(restarted.count("MATCH (d:DeadLetter) WHERE d.messageId STARTS WITH $prefix RETURN count(d)",
                    Map.of("prefix", prefix))).isZero();
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
