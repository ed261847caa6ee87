package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers are isolated from each other: the police system hangs (a real HTTP server on localhost
 * that reads each request and never answers), and the akimat's notices still arrive at once. The
 * hanging receiver gets at most its own number of calls at a time, each given up after its own
 * response timeout, and its messages go the configured way (retried, then DEAD).
 */
@BesideTheSharedHub
class ReceiverBulkheadIT {

    private static final Duration POLICE_TIMEOUT = Duration.ofSeconds(12);

    @Test
    @DisplayName("while the police system hangs, every notice to the akimat arrives within 6 s (half the police timeout it would wait for without its own bulkhead); the police get at most 2 calls at a time and their notices end DEAD after 2 attempts")
    void hangingReceiverDelaysNoOther(@TempDir Path data) throws Exception {
        try (var akimat = new HoldingReceiver(); var police = new HoldingReceiver();
             var hub = HubProcess.start("bulkhead", data, List.of(
                     "--hub.delivery.poll-interval=100ms",
                     // the global timeout as long as the police's own, so the old single dispatcher waits as long
                     "--hub.delivery.response-timeout-millis=" + POLICE_TIMEOUT.toMillis(),
                     "--hub.delivery.retry.initial-backoff=200ms",
                     "--hub.delivery.retry.max-backoff=1s",
                     "--hub.delivery.retry.max-attempts=2",
                     // the circuit breaker would let one probe through at a time; this test is about the bulkhead
                     "--hub.delivery.circuit-breaker.minimum-calls=100",
                     "--hub.delivery.receivers.akimat-75.agencies=KZ-MIO-75",
                     "--hub.delivery.receivers.akimat-75.endpoint=" + akimat.endpoint(),
                     "--hub.delivery.receivers.akimat-75.response-timeout=5s",
                     "--hub.delivery.receivers.police-75.agencies=KZ-OVD-75",
                     "--hub.delivery.receivers.police-75.endpoint=" + police.endpoint(),
                     "--hub.delivery.receivers.police-75.concurrency=2",
                     "--hub.delivery.receivers.police-75.connect-timeout=1s",
                     "--hub.delivery.receivers.police-75.response-timeout=" + POLICE_TIMEOUT.toSeconds() + "s"))) {
            police.hold();
            List<ReleaseRecords> records = new ArrayList<>();
            List<Instant> filedAt = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i));
                assertThat(hub.postRelease(record.json())).isEqualTo("ACCEPTED");
                records.add(record);
                filedAt.add(Instant.now());
                Thread.sleep(300);
            }

            for (int i = 0; i < records.size(); i++) {
                String iin = records.get(i).iin();
                String id = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> akimat.appliedFor(iin), found -> found != null);
                assertThat(Duration.between(filedAt.get(i), akimat.appliedAt(id)))
                        .as("the akimat's notice for record %d", i).isLessThan(POLICE_TIMEOUT.dividedBy(2));
            }

            // every police notice: 2 attempts, each given up after the police's timeout, then DEAD
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> hub.count("""
                            MATCH (m:OutboundMessage {recipient: 'KZ-OVD-75', status: 'DEAD'})-[:CONCERNS]->(p:Person)
                            WHERE p.iin IN $iins RETURN count(m) AS n""",
                            Map.of("iins", records.stream().map(ReleaseRecords::iin).toList())) == records.size());
            var dead = hub.graph().executableQuery("""
                            MATCH (m:OutboundMessage {recipient: 'KZ-OVD-75'})-[:CONCERNS]->(p:Person)
                            WHERE p.iin IN $iins RETURN m.attempts AS attempts, m.lastError AS error""")
                    .withParameters(Map.of("iins", records.stream().map(ReleaseRecords::iin).toList()))
                    .execute().records();
            assertThat(dead).allSatisfy(m -> {
                assertThat(m.get("attempts").asInt()).isEqualTo(2);
                assertThat(m.get("error").asString()).containsIgnoringCase("timeout");
            });
            // at most 2 calls open at once: no more than 2 began within less than one timeout of each other
            var calls = police.heldRequests();
            assertThat(calls).hasSize(2 * records.size());
            for (var call : calls) {
                assertThat(calls.stream().filter(other -> !other.at().isBefore(call.at())
                        && other.at().isBefore(call.at().plus(POLICE_TIMEOUT.minusSeconds(2)))))
                        .as("police calls begun within %s after %s", POLICE_TIMEOUT.minusSeconds(2), call.at())
                        .hasSizeLessThanOrEqualTo(2);
            }
        }
    }
}
