package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import kz.reentry.hub.support.StandInReceivers.Received;
import kz.reentry.hub.support.TestIins;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reading a batch file keeps nothing per record: accepted records are counted, and the receipt lists
 * only the records not accepted, at most {@value #LISTED} of them, so a file five times larger makes
 * the same receipt. A file read again after the hub stopped looks up what the stopped batch had done
 * as the reading gets there, and still skips it. Every record stays readable by batch in the graph.
 */
class BatchFileMemoryIT extends HubIntegrationTest {

    /** The records a receipt names one by one (BatchFiles.LISTED_OUTCOMES). */
    private static final int LISTED = 1000;
    private static final int N = 1200;

    @Autowired
    CamelContext camel;

    private final List<String> ownBatches = new ArrayList<>();

    /**
     * This class leaves thousands of dead letters (its own and made-up ones); other classes page through
     * every PENDING one, so they are marked REPLAYED once a test is done with them.
     */
    @AfterEach
    void putAwayOwnDeadLetters() {
        driver.executableQuery("MATCH (d:DeadLetter) WHERE d.batchFile IN $batches SET d.status = 'REPLAYED'")
                .withParameters(Map.of("batches", ownBatches)).execute();
    }

    @Test
    @DisplayName("a file five times larger makes the same receipt: accepted records are counted, not listed, and every one is in the graph by batch")
    void receiptDoesNotGrowWithTheFile() throws IOException {
        Received small = dropAndAwaitReceipt(validRecords(N, 1930), "DONE");
        Received large = dropAndAwaitReceipt(validRecords(5 * N, 1940), "DONE");

        for (var pair : List.of(Map.entry(small, N), Map.entry(large, 5 * N))) {
            JsonNode receipt = pair.getKey().content();
            assertThat(receipt.get("records").asInt()).isEqualTo(pair.getValue());
            assertThat(receipt.get("accepted").asInt()).isEqualTo(pair.getValue());
            assertThat(receipt.get("outcomes").size()).isZero();
            assertThat(receipt.get("outcomesNotListed").asInt()).isZero();
            // every record in the graph at its place, under the file's batch
            assertThat(count("MATCH (m:InboundMessage) WHERE m.batchFile = $batch RETURN count(DISTINCT m.batchRecord) AS n",
                    Map.of("batch", receipt.get("batchFile").asString()))).isEqualTo((long) pair.getValue());
        }
        // the same size but for the digits of the counts and the name (main's receipt: ~100 bytes a record)
        assertThat(large.body().length()).isBetween(small.body().length() - 20, small.body().length() + 20);
    }

    @Test
    @DisplayName("a file with more rejected records than a receipt lists names the first ones in the file's order and counts the rest; deadLetters lists all by batch")
    void rejectionsBeyondTheBound() throws IOException {
        int rejected = LISTED + 30;
        List<ReleaseRecords> records = validRecords(rejected + 5, 1950);
        for (int i = 0; i < rejected; i++) {
            records.get(i + 5).set("release.type", "ESCAPE");
        }
        // the third record again at the end: a duplicate, not accepted either, so also beyond the list
        records.add(records.get(2));

        Received received = dropAndAwaitReceipt(records, "DONE");
        JsonNode receipt = received.content();

        assertThat(List.of(receipt.get("records").asInt(), receipt.get("accepted").asInt(),
                receipt.get("duplicates").asInt(), receipt.get("rejected").asInt()))
                .containsExactly(records.size(), 5, 1, rejected);
        assertThat(receipt.get("outcomes").size()).isEqualTo(LISTED);
        assertThat(receipt.get("outcomesNotListed").asInt()).isEqualTo(rejected + 1 - LISTED);
        assertThat(receipt.get("outcomes").valueStream().map(o -> o.get("record").asInt()))
                .containsExactlyElementsOf(IntStream.rangeClosed(6, 5 + LISTED).boxed().toList());
        assertThat(receipt.get("outcomes").valueStream()).allSatisfy(o -> {
            assertThat(o.get("status").asString()).isEqualTo("REJECTED");
            assertThat(o.get("messageId").asString()).isEqualTo(records.get(o.get("record").asInt() - 1).get("messageId"));
            assertThat(o.get("errors").get(0).get("rule").asString()).isEqualTo("enum");
        });
        // every rejected record, listed or not, by batch: the dead letters (pages of 500)
        String batch = receipt.get("batchFile").asString();
        List<String> deadLetters = new ArrayList<>();
        String after = null;
        do {
            var page = graphQl("kuis-demo").document("""
                            query($batch: ID, $after: String) { deadLetters(batchFile: $batch, first: 500, after: $after) {
                              edges { node { id messageId } } pageInfo { hasNextPage endCursor } } }""")
                    .variable("batch", batch).variable("after", after).executeSync();
            page.field("deadLetters.edges").toEntityList(JsonNode.class)
                    .forEach(e -> deadLetters.add(e.get("node").get("messageId").asString()));
            after = Boolean.TRUE.equals(page.field("deadLetters.pageInfo.hasNextPage").getValue())
                    ? page.field("deadLetters.pageInfo.endCursor").getValue() : null;
        } while (after != null);
        assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(
                records.subList(5, 5 + rejected).stream().map(r -> r.get("messageId")).toList());
    }

    @Test
    @DisplayName("a file read again after the hub stopped skips what the stopped batch had done, looked up as the reading gets there, and lists its rejections")
    void resumedFileSkipsWhatWasDone() throws IOException {
        int records = 2 * 1000 + 300;
        int done = 2 * 1000 + 100;
        List<ReleaseRecords> file = validRecords(records, 1960);
        String name = "memory-resume-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        byte[] bytes = BatchDrops.csv(file).getBytes(StandardCharsets.UTF_8);
        String stopped = "stopped-" + name;
        ownBatches.add(stopped);
        // what a hub that stopped at record `done` left behind: its batch still RUNNING, each record it
        // had done in the graph with its place (made up here: the records were never filed, so their
        // persons do not exist and anything sent again would show); every 20th one dead-lettered
        List<Map<String, Object>> filed = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int place = 1; place <= done; place++) {
            String messageId = file.get(place - 1).get("messageId");
            if (place % 20 == 7) {
                rejected.add(Map.of("place", (long) place, "messageId", messageId, "id", "dl-" + messageId));
            } else {
                filed.add(Map.of("place", (long) place, "messageId", messageId));
            }
        }
        driver.executableQuery("""
                CREATE (:BatchFile {id: $id, exchange: 'E5', name: $name, sha256: $sha256, status: 'RUNNING',
                                    records: 1500, accepted: 1400, duplicates: 0, rejected: 75, startedAt: datetime()})
                WITH 1 AS one
                UNWIND $filed AS f
                CREATE (:InboundMessage {messageId: f.messageId, exchange: 'E5', channel: 'file', status: 'ACCEPTED',
                                         sender: 'kuis-batch', receivedAt: datetime(), batchFile: $id, batchRecord: f.place})
                """).withParameters(Map.of("id", stopped, "name", name, "sha256", sha256(bytes), "filed", filed)).execute();
        driver.executableQuery("""
                UNWIND $rejected AS r
                CREATE (:DeadLetter {id: r.id, exchange: 'E5', channel: 'file', sender: 'kuis-batch', messageId: r.messageId,
                                     status: 'PENDING', payload: '{}', attempts: 1, receivedAt: datetime(),
                                     errors: '[{"field":"release.type","rule":"enum","message":"made up"}]',
                                     batchFile: $id, batchRecord: r.place})
                """).withParameters(Map.of("id", stopped, "rejected", rejected)).execute();

        Received received = dropAndAwaitReceipt(name, bytes, "DONE");
        JsonNode receipt = received.content();

        // the whole file answered, what the stopped batch had done counted from the graph, not sent again
        assertThat(List.of(receipt.get("records").asInt(), receipt.get("accepted").asInt(),
                receipt.get("duplicates").asInt(), receipt.get("rejected").asInt()))
                .containsExactly(records, records - rejected.size(), 0, rejected.size());
        assertThat(count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p) AS n",
                Map.of("iins", file.subList(0, done).stream().map(ReleaseRecords::iin).toList()))).isZero();
        assertThat(count("MATCH (m:InboundMessage {batchFile: $batch}) RETURN count(m) AS n",
                Map.of("batch", receipt.get("batchFile").asString()))).isEqualTo((long) (records - done));
        // its rejections listed with their dead letters, in the file's order; nothing accepted listed
        assertThat(receipt.get("outcomes").valueStream().map(o -> o.get("deadLetterId").asString()))
                .containsExactlyElementsOf(rejected.stream().map(r -> (String) r.get("id")).toList());
        assertThat(receipt.get("outcomes").valueStream().map(o -> o.get("record").asLong()))
                .containsExactlyElementsOf(rejected.stream().map(r -> (Long) r.get("place")).toList());
        assertThat(receipt.get("outcomesNotListed").asInt()).isZero();
        // the stopped batch: INTERRUPTED with what the graph says it had done (count and last place)
        JsonNode interrupted = batchFiles().stream().filter(b -> b.get("id").asString().equals(stopped)).findFirst().orElseThrow();
        assertThat(interrupted.get("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(List.of(interrupted.get("records").asInt(), interrupted.get("accepted").asInt(),
                interrupted.get("rejected").asInt())).containsExactly(done, filed.size(), rejected.size());
        assertThat(interrupted.get("error").asString()).contains("up to record " + done);
    }

    @Test
    @DisplayName("a stopped batch of a file replaced by another of the same name answers for itself, its rejections listed up to the bound and the rest counted")
    void stoppedBatchOfAnotherFile() throws IOException {
        int rejected = LISTED + 40;
        String name = "memory-replaced-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        String stopped = "stopped-" + name;
        ownBatches.add(stopped);
        driver.executableQuery("""
                CREATE (:BatchFile {id: $id, exchange: 'E5', name: $name, sha256: 'another file', status: 'RUNNING',
                                    records: 0, accepted: 0, duplicates: 0, rejected: 0, startedAt: datetime()})
                WITH 1 AS one
                UNWIND range(1, $rejected) AS place
                CREATE (:DeadLetter {id: $id + '-' + place, exchange: 'E5', channel: 'file', sender: 'kuis-batch',
                                     messageId: $id + '-m' + place, status: 'PENDING', payload: '{}', attempts: 1,
                                     receivedAt: datetime(), errors: '[]', batchFile: $id, batchRecord: place})
                """).withParameters(Map.of("id", stopped, "name", name, "rejected", rejected)).execute();

        dropAndAwaitReceipt(name, BatchDrops.csv(validRecords(1, 1970)).getBytes(StandardCharsets.UTF_8), "DONE");
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");
        JsonNode receipt = await().atMost(Duration.ofSeconds(30)).until(() -> kuis.applied().stream()
                .map(Received::content).filter(c -> stopped.equals(c.path("batchFile").asString(null)))
                .findFirst().orElse(null), found -> found != null);

        assertThat(receipt.get("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(List.of(receipt.get("records").asInt(), receipt.get("accepted").asInt(),
                receipt.get("duplicates").asInt(), receipt.get("rejected").asInt())).containsExactly(rejected, 0, 0, rejected);
        assertThat(receipt.get("outcomes").size()).isEqualTo(LISTED);
        assertThat(receipt.get("outcomes").valueStream().map(o -> o.get("record").asLong()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, LISTED).boxed().toList());
        assertThat(receipt.get("outcomesNotListed").asInt()).isEqualTo(rejected - LISTED);
    }

    /** Valid records of persons born from the first of January of that year on, one a day, released in 2048. */
    private static List<ReleaseRecords> validRecords(int count, int bornFrom) {
        List<ReleaseRecords> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate born = LocalDate.of(bornFrom, 1, 1).plusDays(i);
            records.add(ReleaseRecords.validRelease(LocalDate.of(2048, 1, 1).plusDays(i % 300))
                    .set("person.birthDate", born.toString()).set("person.iin", TestIins.forBirthDate(born)));
        }
        return records;
    }

    private Received dropAndAwaitReceipt(List<ReleaseRecords> records, String status) throws IOException {
        String name = "memory-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        return dropAndAwaitReceipt(name, BatchDrops.csv(records).getBytes(StandardCharsets.UTF_8), status);
    }

    /** Drops the file, waits for its batch to end with the status and for its receipt to reach the penal system. */
    private Received dropAndAwaitReceipt(String name, byte[] content, String status) throws IOException {
        var batches = new BatchDrops(BatchDrops.directoryOf(camel), this::batchFiles);
        batches.drop(name, content);
        JsonNode batch = await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(250))
                .until(() -> batches.batch(name, status), found -> found != null);
        ownBatches.add(batch.get("id").asString());
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");
        return await().atMost(Duration.ofSeconds(30)).until(() -> kuis.applied().stream()
                .filter(r -> batch.get("id").asString().equals(r.content().path("batchFile").asString(null)))
                .findFirst().orElse(null), found -> found != null);
    }

    private List<JsonNode> batchFiles() {
        return graphQl("kuis-demo").document("{ batchFiles(first: 100) { id name status records accepted duplicates rejected error } }")
                .executeSync().field("batchFiles").toEntityList(JsonNode.class);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
