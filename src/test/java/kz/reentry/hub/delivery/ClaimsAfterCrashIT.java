package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed (SIGKILL) while it holds claims on outbox messages takes them back as soon as it is
 * started again, instead of waiting out the lease (10 minutes); a hub restarting beside another
 * live one on the same graph takes back only its own.
 */
@BesideTheSharedHub
class ClaimsAfterCrashIT {

    private static final String IIN_OF = """
            MATCH (m:OutboundMessage {recipient: $recipient})-[:CONCERNS]->(p:Person) WHERE p.iin IN $iins""";

    @Test
    @DisplayName("after a kill -9 with claimed notices, the restarted hub delivers every one of them within a minute (the lease is 10), each applied once")
    void restartTakesBackItsClaims(@TempDir Path data) throws Exception {
        try (var akimat = new HoldingReceiver(); var police = new HoldingReceiver()) {
            List<String> arguments = arguments(akimat, police);
            akimat.hold();
            List<ReleaseRecords> records = new ArrayList<>();
            var crashed = HubProcess.start("claims-crashed", data, arguments);
            try {
                for (int i = 0; i < 6; i++) {
                    var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i));
                    assertThat(crashed.postRelease(record.json())).isEqualTo("ACCEPTED");
                    records.add(record);
                }
                List<String> iins = records.stream().map(ReleaseRecords::iin).toList();
                // the akimat's system has taken calls and hangs; the hub holds claims on those messages
                await().atMost(Duration.ofSeconds(30)).until(() -> akimat.held() >= 1);
                assertThat(crashed.count(IIN_OF + " AND m.status = 'PENDING' AND m.nextAttemptAt > datetime() + duration('PT5M') RETURN count(m)",
                        Map.of("recipient", "KZ-MIO-75", "iins", iins))).as("claimed notices").isGreaterThanOrEqualTo(1);
            } finally {
                crashed.kill();
            }
            akimat.answer();

            try (var restarted = HubProcess.start("claims-restarted", data, arguments)) {
                // within a minute of the restart, where the lease would keep them waiting 10
                List<String> iins = records.stream().map(ReleaseRecords::iin).toList();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                        restarted.count(IIN_OF + " AND m.status = 'DELIVERED' RETURN count(m)",
                                Map.of("recipient", "KZ-MIO-75", "iins", iins)) == records.size()
                                && restarted.count(IIN_OF + " AND m.status = 'DELIVERED' RETURN count(m)",
                                Map.of("recipient", "KZ-OVD-75", "iins", iins)) == records.size());
                for (var record : records) {
                    assertThat(akimat.appliedFor(record.iin())).as("akimat, %s", record.iin()).isNotNull();
                    assertThat(police.appliedFor(record.iin())).as("police, %s", record.iin()).isNotNull();
                }
                assertThat(akimat.applied().values()).filteredOn(iins::contains).hasSize(records.size());
            }
        }
    }

    @Test
    @DisplayName("a hub restarting on a graph it shares with a live hub takes back its own stale claims, never the other's")
    void restartLeavesOthersClaims(@TempDir Path root) throws Exception {
        try (var graph = EmbeddedNeo4j.start(root.resolve("shared-graph"), 0, 32L * 1024 * 1024);
             var akimat = new HoldingReceiver(); var police = new HoldingReceiver()) {
            List<String> arguments = new ArrayList<>(arguments(akimat, police));
            arguments.add("--NEO4J_URI=" + graph.boltUri());
            akimat.hold();
            List<ReleaseRecords> records = new ArrayList<>();
            try (var live = HubProcess.start("claims-live", root.resolve("live"), arguments)) {
                var restarting = HubProcess.start("claims-restarting", root.resolve("restarting"), arguments);
                try {
                    for (int i = 0; i < 6; i++) {
                        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i));
                        assertThat(live.postRelease(record.json())).isEqualTo("ACCEPTED");
                        records.add(record);
                    }
                    // both hubs hold claims on akimat notices (3 calls at a time each)
                    await().atMost(Duration.ofSeconds(30)).until(() -> akimat.held() == records.size());
                    assertThat(claimants(live, records)).hasSize(2);
                } finally {
                    restarting.kill();
                }
                var claimedByLive = live.graph().executableQuery(IIN_OF
                                + " AND m.claimedBy IS NOT NULL AND m.claimedBy <> $restarting RETURN m.id AS id")
                        .withParameters(Map.of("recipient", "KZ-MIO-75", "iins", iins(records),
                                "restarting", instanceOf(root.resolve("restarting"))))
                        .execute().records().stream().map(r -> r.get("id").asString()).toList();
                assertThat(claimedByLive).hasSize(3);

                try (var restarted = HubProcess.start("claims-restarted-beside", root.resolve("restarting"), arguments)) {
                    // the restarted hub sends its own 3 again at once (held again), and none of the live hub's
                    await().atMost(Duration.ofSeconds(30)).until(() -> akimat.held() == records.size() + 3);
                    Thread.sleep(2000);
                    for (String id : claimedByLive) {
                        assertThat(akimat.requests(id)).as("calls with %s, claimed by the live hub", id).isEqualTo(1);
                    }
                    akimat.answer();
                    await().atMost(Duration.ofSeconds(60)).until(() -> restarted.count(IIN_OF
                                    + " AND m.status = 'DELIVERED' RETURN count(m)",
                            Map.of("recipient", "KZ-MIO-75", "iins", iins(records))) == records.size());
                    assertThat(akimat.applied().values()).filteredOn(iins(records)::contains).hasSize(records.size());
                }
            }
        }
    }

    private static List<String> arguments(HoldingReceiver akimat, HoldingReceiver police) {
        return List.of(
                "--hub.delivery.poll-interval=100ms",
                "--hub.delivery.lease=10m",
                // long enough that a held call is still open when the hub is killed
                "--hub.delivery.response-timeout-millis=240000",
                "--hub.delivery.receivers.akimat-75.agencies=KZ-MIO-75",
                "--hub.delivery.receivers.akimat-75.endpoint=" + akimat.endpoint(),
                "--hub.delivery.receivers.akimat-75.concurrency=3",
                "--hub.delivery.receivers.police-75.agencies=KZ-OVD-75",
                "--hub.delivery.receivers.police-75.endpoint=" + police.endpoint());
    }

    private static List<String> claimants(HubProcess hub, List<ReleaseRecords> records) {
        return hub.graph().executableQuery(IIN_OF + " AND m.claimedBy IS NOT NULL RETURN DISTINCT m.claimedBy AS by")
                .withParameters(Map.of("recipient", "KZ-MIO-75", "iins", iins(records))).execute().records().stream()
                .map(r -> r.get("by").asString()).toList();
    }

    private static String instanceOf(Path data) throws java.io.IOException {
        return java.nio.file.Files.readString(data.resolve("graph").resolve("hub-instance-id")).strip();
    }

    private static List<String> iins(List<ReleaseRecords> records) {
        return records.stream().map(ReleaseRecords::iin).toList();
    }
}
