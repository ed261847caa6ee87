package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The hub is killed (SIGKILL) in the middle of a batch file. Started again, it reads the file again and
 * carries on where the killed run stopped: the interrupted batch shows what it had filed, the new one
 * the whole file as if it had been read once, nothing is dead-lettered twice, and the penal system
 * gets one receipt counting every record of the file once and naming each one not accepted; the read
 * path by batch names every record.
 */
@BesideTheSharedHub
class BatchFileAfterCrashIT {

    private static final int RECORDS = 600;

    @Test
    @DisplayName("after a kill -9 in the middle of a batch file, the counts are right and one receipt answers for every record of the file exactly once")
    void crashInTheMiddleOfAFile(@TempDir Path data) throws Exception {
        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<ReleaseRecords> records = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            LocalDate born = LocalDate.of(1961, 1, 1).plusDays(i);
            var record = ReleaseRecords.validRelease(LocalDate.of(2046, 1, 1).plusDays(i % 300))
                    .set("messageId", prefix + i).set("person.birthDate", born.toString())
                    .set("person.iin", TestIins.forBirthDate(born));
            if (i % 50 == 20) {
                record.set("release.type", "ESCAPE");
                invalid.add(prefix + i);
            }
            records.add(record);
        }
        String name = prefix + "releases.csv";

        try (var kuis = new HoldingReceiver()) {
            List<String> arguments = List.of("--hub.delivery.poll-interval=200ms",
                    "--hub.delivery.receivers.kuis.agencies=KZ-KUIS",
                    "--hub.delivery.receivers.kuis.endpoint=" + kuis.endpoint());
            ZonedDateTime killedAt;
            var crashed = HubProcess.start("batch-crashed", data, arguments);
            try {
                new BatchDrops(data.resolve("batches"), List::of).drop(name,
                        BatchDrops.csv(records).getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> crashed.count(
                        "MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix RETURN count(m)",
                        Map.of("prefix", prefix)) >= 120);
            } finally {
                crashed.kill();
                killedAt = ZonedDateTime.now();
            }

            try (var restarted = HubProcess.start("batch-restarted", data, arguments)) {
                var files = new BatchDrops(data.resolve("batches"), () -> restarted.graphQl("kuis-demo")
                        .documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class));
                JsonNode done = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> files.batch(name, "DONE"), found -> found != null);
                JsonNode interrupted = files.batch(name, "INTERRUPTED");
                long filedBeforeKill = restarted.count("""
                                MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix AND m.receivedAt < $killedAt
                                RETURN count(m)""", Map.of("prefix", prefix, "killedAt", killedAt));
                long rejectedBeforeKill = restarted.count("""
                                MATCH (d:DeadLetter) WHERE d.messageId STARTS WITH $prefix AND d.receivedAt < $killedAt
                                RETURN count(d)""", Map.of("prefix", prefix, "killedAt", killedAt));

                assertThat(filedBeforeKill).as("filed before the kill").isBetween(120L, (long) RECORDS - invalid.size() - 1);
                // the new batch: the whole file, as if read once
                assertThat(done.get("status").asString()).isEqualTo("DONE");
                assertThat(done.get("records").asInt()).isEqualTo(RECORDS);
                assertThat(done.get("accepted").asInt()).isEqualTo(RECORDS - invalid.size());
                assertThat(done.get("duplicates").asInt()).isZero();
                assertThat(done.get("rejected").asInt()).isEqualTo(invalid.size());
                // the interrupted one: what it had done when the hub was killed
                assertThat(interrupted).isNotNull();
                assertThat(interrupted.get("accepted").asLong()).isEqualTo(filedBeforeKill);
                assertThat(interrupted.get("rejected").asLong()).isEqualTo(rejectedBeforeKill);
                assertThat(interrupted.get("records").asLong()).isEqualTo(filedBeforeKill + rejectedBeforeKill);
                assertThat(interrupted.get("error").asString()).contains(done.get("id").asString());
                // every record filed or dead-lettered once
                assertThat(restarted.count("MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $prefix RETURN count(m)",
                        Map.of("prefix", prefix))).isEqualTo(RECORDS - invalid.size());
                assertThat(restarted.count("MATCH (d:DeadLetter) WHERE d.messageId IN $ids RETURN count(d)",
                        Map.of("ids", invalid))).isEqualTo(invalid.size());

                // one receipt for the file, every record in it once, sent once
                var receipts = await().atMost(Duration.ofSeconds(30)).until(() -> kuis.appliedContents().entrySet().stream()
                        .filter(e -> name.equals(e.getValue().path("file").asString(null))).toList(), found -> !found.isEmpty());
                Thread.sleep(1500);
                receipts = kuis.appliedContents().entrySet().stream()
                        .filter(e -> name.equals(e.getValue().path("file").asString(null))).toList();
                assertThat(receipts).hasSize(1);
                JsonNode receipt = receipts.getFirst().getValue();
                assertThat(kuis.requests(receipts.getFirst().getKey())).isEqualTo(1);
                assertThat(receipt.get("status").asString()).isEqualTo("DONE");
                // it lists the records not accepted (here the rejected ones, all of them), each with its place,
                // the ones dead-lettered before the kill too, and counts the accepted ones
                assertThat(receipt.get("records").asInt()).isEqualTo(RECORDS);
                assertThat(receipt.get("accepted").asInt()).isEqualTo(RECORDS - invalid.size());
                assertThat(receipt.get("rejected").asInt()).isEqualTo(invalid.size());
                assertThat(receipt.get("outcomesNotListed").asInt()).isZero();
                assertThat(receipt.get("outcomes").valueStream().map(o -> o.get("messageId").asString())).containsExactlyElementsOf(invalid);
                assertThat(receipt.get("outcomes").valueStream()).allSatisfy(o -> {
                    assertThat(o.get("status").asString()).isEqualTo("REJECTED");
                    assertThat(o.get("deadLetterId").asString()).isNotBlank();
                    assertThat(prefix + (o.get("record").asLong() - 1)).isEqualTo(o.get("messageId").asString());
                });
                assertThat(receipt.get("outcomes").valueStream().filter(o ->
                        restarted.count("MATCH (d:DeadLetter {id: $id}) WHERE d.receivedAt < $killedAt RETURN count(d)",
                        Map.of("id", o.get("deadLetterId").asString(), "killedAt", killedAt)) == 1)).hasSize((int) rejectedBeforeKill);
                // the accepted ones are in the graph at their place, under the new batch or the one it carried on from
                List<String> chain = List.of(done.get("id").asString(), interrupted.get("id").asString());
                assertThat(restarted.count("""
                                MATCH (m:InboundMessage) WHERE m.batchFile IN $chain AND m.messageId STARTS WITH $prefix
                                  AND m.messageId = $prefix + toString(m.batchRecord - 1)
                                RETURN count(m)""", Map.of("chain", chain, "prefix", prefix))).isEqualTo(RECORDS - invalid.size());
                // and the read path by batch lists every record of the file from the new batch's id
                var logged = restarted.graphQl("kuis-demo").document("""
                                query($batch: ID) { inboundMessages(batchFile: $batch, first: 500) { edges { node { messageId } } pageInfo { endCursor } } }""")
                        .variable("batch", done.get("id").asString()).executeSync();
                var firstPage = logged.field("inboundMessages.edges").toEntityList(JsonNode.class);
                var rest = restarted.graphQl("kuis-demo").document("""
                                query($batch: ID, $after: String) { inboundMessages(batchFile: $batch, first: 500, after: $after) { edges { node { messageId } } } }""")
                        .variable("batch", done.get("id").asString())
                        .variable("after", logged.field("inboundMessages.pageInfo.endCursor").getValue()).executeSync()
                        .field("inboundMessages.edges").toEntityList(JsonNode.class);
                assertThat(java.util.stream.Stream.concat(firstPage.stream(), rest.stream()).map(e -> e.get("node").get("messageId").asString()))
                        .containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.get("messageId")).toList());
            }
        }
    }
}
