package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.E5Queue;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandaloneBroker;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ministry's own broker (HUB_ARTEMIS_MODE=native): an Artemis server in a JVM of its own, which
 * goes away (SIGKILL) while the hub is filing from it and comes back on its journal. The hub starts no
 * broker of its own, finds the broker again when it returns, and files every record published, before
 * and after, exactly once; nothing is left on the queue or dead-lettered.
 */
@BesideTheSharedHub
class ExternalBrokerIT {

    private static final int BEFORE = 120;
    private static final int AFTER = 30;

    @Test
    @DisplayName("with the ministry's broker killed and started again while records flow, every record is filed exactly once")
    void brokerGoesAwayAndComesBack(@TempDir Path data, @TempDir Path brokerJournal) throws Exception {
        String prefix = "xbroker-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> iins = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < BEFORE + AFTER; i++) {
            LocalDate born = LocalDate.of(1958, 3, 1).plusDays(i);
            iins.add(TestIins.forBirthDate(born));
            messages.add(ReleaseRecords.validRelease(LocalDate.of(2047, 5, 1).plusDays(i % 150))
                    .set("messageId", prefix + i).set("person.birthDate", born.toString())
                    .set("person.iin", iins.getLast()).json());
        }
        int port = StandaloneBroker.freePort();
        String countFiled = "MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix RETURN count(m)";
        var broker = StandaloneBroker.start(brokerJournal, port);
        try (var hub = HubProcess.start("external-broker", data,
                List.of("--HUB_ARTEMIS_MODE=native", "--HUB_ARTEMIS_URL=" + broker.url()))) {
            assertThat(data.resolve("broker")).as("the embedded broker's journal").doesNotExist();
            assertThat(Files.readString(hub.log())).doesNotContain("AMQ221000");

            E5Queue.publish(broker.url(), messages.subList(0, BEFORE));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hub.count(countFiled, Map.of("prefix", prefix)) >= 20);
            broker.kill();
            long filedWhileAway = hub.count(countFiled, Map.of("prefix", prefix));
            assertThat(filedWhileAway).as("filed when the broker went away").isLessThan(BEFORE);
            Thread.sleep(3_000);

            broker = StandaloneBroker.start(brokerJournal, port);
            E5Queue.publish(broker.url(), messages.subList(BEFORE, BEFORE + AFTER));
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> hub.count(countFiled, Map.of("prefix", prefix)) >= BEFORE + AFTER);
            String url = broker.url();
            await().atMost(Duration.ofSeconds(60)).until(() -> E5Queue.depth(url) == 0);

            assertThat(hub.count(countFiled, Map.of("prefix", prefix))).isEqualTo(BEFORE + AFTER);
            assertThat(hub.count("MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix RETURN count(DISTINCT m.messageId)",
                    Map.of("prefix", prefix))).isEqualTo(BEFORE + AFTER);
            assertThat(hub.count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p)", Map.of("iins", iins)))
                    .isEqualTo(BEFORE + AFTER);
            assertThat(hub.count("MATCH (d:DeadLetter) WHERE d.messageId STARTS WITH $prefix RETURN count(d)",
                    Map.of("prefix", prefix))).isZero();
        } finally {
            broker.close();
        }
    }
}
