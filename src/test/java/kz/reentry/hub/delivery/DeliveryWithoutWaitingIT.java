package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.management.HotSpotDiagnosticMXBean;
import kz.reentry.hub.release.ReleaseNotices;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.neo4j.driver.Record;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The dispatcher is woken by the commit that queues a message, so a notice leaves in milliseconds and
 * not at the next poll: here the poll comes every 30 s, and every notice must arrive within a few
 * seconds. A second application context of its own (the poll interval, backoff and the akimat's
 * single call differ from the shared one's); the tests run in order, the failing receiver's last, so
 * that its failures do not open the police's circuit for the others.
 */
@TestPropertySource(properties = {
        "hub.intake.servlet-name=DeliveryWithoutWaitingServlet",
        "hub.delivery.poll-interval=30s",
        "hub.delivery.retry.initial-backoff=20s",
        "hub.delivery.retry.max-backoff=40s",
        "hub.delivery.receivers.akimat-75.concurrency=1"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryWithoutWaitingIT extends HubIntegrationTest {

    /** Far less than the 30 s poll; generous for a loaded machine (it takes tens of milliseconds). */
    private static final Duration SOON = Duration.ofSeconds(5);

    private final StandInReceivers standIns = StandInReceivers.INSTANCE;

    @Autowired
    ReleaseNotices releaseNotices;

    @Test
    @Order(1)
    @DisplayName("a release record's E1 notices reach the akimat and the police within seconds of the intake's answer, record after record, though the dispatcher polls only every 30 s")
    void noticeLeavesOnCommit() {
        for (int i = 0; i < 2; i++) {
            var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i));
            filed(record);
            long answered = System.nanoTime();

            try {
                await().atMost(SOON).until(() -> arrived("akimat", record.iin()) && arrived("police", record.iin()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("record " + i + "'s E1 notices did not arrive within " + SOON
                        + "; the outbox holds " + outboxOf(record) + "; the dispatcher's threads: " + dispatcherThreads(), e);
            }

            System.out.printf("E1 notices of record %d arrived %d ms after the intake's answer%n", i,
                    (System.nanoTime() - answered) / 1_000_000);
        }
    }

    @Test
    @Order(2)
    @DisplayName("when one commit queues more notices for a receiver than it has calls (the akimat's one), each delivery takes the next at once")
    void backlogDrainsWithoutThePoll() {
        // the schedule's run queues, in one transaction, every notice due by the day: those of these
        // four records, a year before their release
        LocalDate release = LocalDate.of(2038, 3, 10);
        List<ReleaseRecords> records = List.of(ReleaseRecords.validRelease(release), ReleaseRecords.validRelease(release),
                ReleaseRecords.validRelease(release), ReleaseRecords.validRelease(release));
        records.forEach(this::filed);
        assertThat(records).noneMatch(r -> arrived("akimat", r.iin()));

        assertThat(releaseNotices.enqueueAllDue(release.minusYears(1))).isGreaterThanOrEqualTo(8);

        await().atMost(SOON).until(() -> records.stream().allMatch(r -> arrived("akimat", r.iin()) && arrived("police", r.iin())));
        assertThat(records).allMatch(r -> standIns.receiver("akimat").deliveries(messageTo("KZ-MIO-75", r)) == 1);
    }

    @Test
    @Order(3)
    @DisplayName("a wake-up calls a failing receiver only with the new message: the one that failed waits out its backoff")
    void failedMessageWaitsOutItsBackoff() throws InterruptedException {
        var police = standIns.receiver("police");
        police.down();
        try {
            var first = ReleaseRecords.validRelease(LocalDate.now().plusMonths(5));
            filed(first);
            String firstMessage = messageTo("KZ-OVD-75", first);
            await().atMost(SOON).until(() -> attempts(firstMessage) == 1);
            assertThat(refusals(firstMessage)).isPositive();

            var second = ReleaseRecords.validRelease(LocalDate.now().plusMonths(6));
            filed(second);
            String secondMessage = messageTo("KZ-OVD-75", second);
            await().atMost(SOON).until(() -> attempts(secondMessage) == 1);

            // the first message's next attempt is 16 to 24 s after its failure (initial backoff 20 s ± 20%):
            // woken for the second, the dispatcher left it alone, and two seconds on it is still waiting
            Thread.sleep(2000);
            assertThat(attempts(firstMessage)).isEqualTo(1);
            assertThat(messageStatus(firstMessage)).isEqualTo("PENDING");
        } finally {
            police.up();
        }
    }

    private boolean arrived(String receiver, String iin) {
        return standIns.receiver(receiver).applied().stream()
                .anyMatch(received -> iin.equals(received.content().get("person").get("iin").asString()));
    }

    /** What a failure needs to be understood: each of the record's messages as the outbox holds it. */
    private List<Map<String, Object>> outboxOf(ReleaseRecords record) {
        return driver.executableQuery("""
                        MATCH (m:OutboundMessage)-[:CONCERNS]->(:Person {iin: $iin})
                        RETURN m.recipient AS recipient, m.status AS status, m.attempts AS attempts,
                               m.lastError AS lastError, toString(m.createdAt) AS created,
                               toString(m.nextAttemptAt) AS nextAttempt, m.claimedBy AS claimedBy""")
                .withParameters(Map.of("iin", record.iin())).execute().records().stream()
                .map(Record::asMap).toList();
    }

    /** The stacks of the dispatcher's threads (virtual ones too), from a dump of this JVM's threads. */
    private static String dispatcherThreads() {
        try {
            Path file = Files.createTempFile("threads", ".txt");
            Files.delete(file);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = Files.readString(file);
            Files.delete(file);
            return Arrays.stream(dump.split("\n\n")).filter(t -> t.contains("outbox") || t.contains("e5-filer"))
                    .collect(Collectors.joining("\n\n", "\n", "\n"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private long refusals(String messageId) {
        return standIns.receiver("police").refusedWhileDown().stream().filter(messageId::equals).count();
    }

    private String messageTo(String recipient, ReleaseRecords record) {
        return driver.executableQuery("""
                        MATCH (m:OutboundMessage {recipient: $recipient, exchange: 'E1'})-[:CONCERNS]->(:Person {iin: $iin})
                        RETURN m.id AS id""")
                .withParameters(Map.of("recipient", recipient, "iin", record.iin())).execute().records()
                .getFirst().get("id").asString();
    }

    /** Delivery attempts the hub counted (the HTTP client may send one attempt twice on a 503). */
    private int attempts(String id) {
        return driver.executableQuery("MATCH (m:OutboundMessage {id: $id}) RETURN m.attempts AS attempts")
                .withParameters(Map.of("id", id)).execute().records().getFirst().get("attempts").asInt();
    }

    private String messageStatus(String id) {
        return driver.executableQuery("MATCH (m:OutboundMessage {id: $id}) RETURN m.status AS status")
                .withParameters(Map.of("id", id)).execute().records().getFirst().get("status").asString();
    }
}
