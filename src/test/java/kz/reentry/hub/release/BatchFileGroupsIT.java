package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import kz.reentry.hub.support.StandInReceivers.Received;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The batch-file channel files consecutive records many to a transaction (ReleaseRecordStore.fileAll),
 * and every record still gets the answer, the dead letter and the graph it would get on its own: the
 * same records posted one at a time over HTTP are the reference. Commits are counted by a transaction
 * event listener on the embedded database: which accepted messages each committed transaction logged.
 */
class BatchFileGroupsIT extends HubIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedNeo4j neo4j;

    private final InboundCommits commits = new InboundCommits();

    @BeforeEach
    void countCommits() {
        neo4j.managementService().registerTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, commits);
    }

    @AfterEach
    void stopCounting() {
        neo4j.managementService().unregisterTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, commits);
    }

    @Test
    @DisplayName("a file with a duplicate, a reused message id, a correction, a broken record and one person twice is filed many records a transaction, with the outcomes and graph of one record at a time")
    void mixedGroupAsOneAtATime() throws IOException {
        Scenario file = new Scenario();
        Scenario http = new Scenario();

        String name = "groups-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        var batches = new BatchDrops(BatchDrops.directoryOf(camel), this::batchFiles);
        batches.drop(name, BatchDrops.csv(file.records).getBytes(StandardCharsets.UTF_8));
        JsonNode batch = batches.awaitBatch(name, Duration.ofMinutes(1));
        List<String> fileOutcomes = receiptOutcomes(name, batch.get("id").asString(), file.records.size());

        List<String> httpOutcomes = new ArrayList<>();
        for (var record : http.records) {
            var reply = postRelease(record.json());
            httpOutcomes.add(reply.status() == 200 ? reply.body().get("status").asString()
                    : "REJECTED " + reply.body().get("errors").get(0).get("rule").asString());
        }

        assertThat(httpOutcomes).containsExactly("ACCEPTED", "ACCEPTED", "DUPLICATE", "REJECTED messageId.reused",
                "ACCEPTED", "REJECTED enum", "ACCEPTED", "ACCEPTED");
        assertThat(fileOutcomes).isEqualTo(httpOutcomes);
        assertThat(batch.get("status").asString()).isEqualTo("DONE");
        assertThat(List.of(batch.get("records").asInt(), batch.get("accepted").asInt(), batch.get("duplicates").asInt(),
                batch.get("rejected").asInt())).containsExactly(8, 5, 1, 2);
        assertThat(file.graph()).isEqualTo(http.graph());
        // the dead letters: one for each rejected record, with its place in the file
        assertThat(count("MATCH (d:DeadLetter {channel: 'file'}) WHERE d.messageId IN $ids RETURN count(d) AS n",
                Map.of("ids", List.of(file.records.get(3).get("messageId"), file.records.get(5).get("messageId")))))
                .isEqualTo(2);
        assertThat(count("MATCH (m:InboundMessage) WHERE m.messageId IN $ids RETURN count(DISTINCT m.batchRecord) AS n",
                Map.of("ids", file.messageIds()))).isEqualTo(5);

        // a disclosure entry for each accepted record (none for the duplicate), as one at a time
        for (int person = 0; person < 3; person++) {
            String filed = personId(file.iins.get(person));
            String posted = personId(http.iins.get(person));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(intakeEntries(filed, "INTAKE E5 file"))
                    .isEqualTo(intakeEntries(posted, "INTAKE E5 http")).isPositive());
        }

        // the file's accepted records shared transactions: the group ends at a rejected record, which is
        // dead-lettered before the records after it are filed (1-3 | 4 rejected | 5 | 6 rejected | 7-8);
        // the HTTP ones were committed one by one
        assertThat(commits.sizesOf(file.messageIds())).containsExactly(2, 1, 2);
        assertThat(commits.sizesOf(http.messageIds())).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    @DisplayName("a file of 450 records is filed in groups of up to 200 records a transaction, every record counted once")
    void largeFileInGroups() throws IOException {
        List<ReleaseRecords> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            records.add(ReleaseRecords.validRelease(LocalDate.of(2047, 1, 1).plusDays(i % 300)));
        }
        String name = "groups-large-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        var batches = new BatchDrops(BatchDrops.directoryOf(camel), this::batchFiles);
        batches.drop(name, BatchDrops.csv(records).getBytes(StandardCharsets.UTF_8));

        JsonNode batch = batches.awaitBatch(name, Duration.ofMinutes(3));

        assertThat(batch.get("accepted").asInt()).isEqualTo(450);
        List<String> ids = records.stream().map(r -> r.get("messageId")).toList();
        assertThat(count("MATCH (m:InboundMessage) WHERE m.messageId IN $ids RETURN count(m) AS n", Map.of("ids", ids)))
                .isEqualTo(450);
        assertThat(commits.sizesOf(ids)).containsExactly(200, 200, 50);
    }

    /**
     * Eight records exercising what one record can do to the next: the same message again, its id reused
     * for other content, a correction of an earlier record, a broken record, the same person twice.
     */
    private final class Scenario {

        final List<ReleaseRecords> records = new ArrayList<>();
        final List<String> iins;

        Scenario() {
            var first = ReleaseRecords.validRelease(LocalDate.of(2047, 3, 1));
            var second = ReleaseRecords.validRelease(LocalDate.of(2047, 3, 2));
            var broken = ReleaseRecords.validRelease(LocalDate.of(2047, 3, 3)).set("release.type", "ESCAPE");
            var third = ReleaseRecords.validRelease(LocalDate.of(2047, 3, 4));
            records.add(first);
            records.add(second);
            records.add(copy(first));
            records.add(copy(second).set("person.surname", "Другая"));
            records.add(copy(first).newMessage().set("release.date", "2047-04-15").set("custody.termEnd", "2047-04-15")
                    .set("release.residenceRegion", "KZ-71"));
            records.add(broken);
            records.add(third);
            records.add(copy(third).newMessage());
            iins = List.of(first.iin(), second.iin(), third.iin());
        }

        List<String> messageIds() {
            return records.stream().map(r -> r.get("messageId")).distinct().toList();
        }

        /** Per person (by their place in the scenario): what the graph holds about them, without ids. */
        List<Map<String, Object>> graph() {
            return iins.stream().map(iin -> driver.executableQuery("""
                            MATCH (p:Person {iin: $iin})
                            CALL (p) {
                              OPTIONAL MATCH (p)-[:SERVED]->(:CustodyEpisode)-[:ENDS_WITH]->(r:PlannedRelease)-[:RESIDENCE_IN]->(g)
                              WITH r, g ORDER BY r.date
                              RETURN collect(toString(r.date) + ' ' + g.code) AS releases
                            }
                            RETURN p.surname AS surname, releases,
                                   COUNT { (p)-[:SERVED]->(:CustodyEpisode) } AS episodes,
                                   COUNT { (p)-[:SERVED]->()-[:ENDS_WITH]->()-[:PREVIOUSLY]->() } AS releaseRevisions,
                                   COUNT { (:InboundMessage)-[:CONCERNS]->(p) } AS messages,
                                   COUNT { (p)<-[:CONCERNS]-(:Obligation) } AS obligations
                            """).withParameters(Map.of("iin", iin)).execute().records().stream()
                    .map(r -> r.asMap()).findFirst().orElse(Map.of())).toList();
        }
    }

    private static ReleaseRecords copy(ReleaseRecords record) {
        var copy = ReleaseRecords.validRelease(LocalDate.parse(record.get("release.date")));
        for (String column : BatchDrops.COLUMNS) {
            if (record.has(column)) {
                copy.set(column, record.get(column));
            }
        }
        return copy;
    }

    private String personId(String iin) {
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id").withParameters(Map.of("iin", iin))
                .execute().records().getFirst().get("id").asString();
    }

    /** The disclosure entries of an intake that wrote the person's data. */
    private long intakeEntries(String personId, String operation) {
        return DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("person", personId)).stream()
                .filter(e -> operation.equals(e.get("operation"))).count();
    }

    /**
     * What became of each record, in the file's order: as the penal system's receipt lists it (the records
     * not accepted, by place), and for the others, which the receipt only counts, as the graph holds them
     * (filed by this batch at that place); "MISSING" for a record neither names.
     */
    private List<String> receiptOutcomes(String name, String batchId, int records) {
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");
        Received receipt = await().atMost(Duration.ofSeconds(30)).until(() -> kuis.applied().stream()
                .filter(r -> name.equals(r.content().path("file").asString(null))).findFirst().orElse(null), r -> r != null);
        Map<Long, String> listed = new java.util.HashMap<>();
        receipt.content().get("outcomes").valueStream().forEach(o -> listed.put(o.get("record").asLong(),
                o.get("status").asString().equals("REJECTED") ? "REJECTED " + o.get("errors").get(0).get("rule").asString()
                        : o.get("status").asString()));
        assertThat(receipt.content().get("outcomesNotListed").asInt()).isZero();
        List<String> outcomes = new ArrayList<>();
        for (long place = 1; place <= records; place++) {
            outcomes.add(listed.containsKey(place) ? listed.get(place)
                    : count("MATCH (m:InboundMessage {batchFile: $batch, batchRecord: $place}) RETURN count(m) AS n",
                    Map.of("batch", batchId, "place", place)) == 1 ? "ACCEPTED" : "MISSING");
        }
        return outcomes;
    }

    private List<JsonNode> batchFiles() {
        return graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class);
    }

    /** Each committed transaction that logged accepted messages: their ids. */
    private static final class InboundCommits extends TransactionEventListenerAdapter<Object> {

        private final List<List<String>> committed = new CopyOnWriteArrayList<>();

        @Override
        public void afterCommit(TransactionData data, Object state, GraphDatabaseService database) {
            java.util.Set<String> logged = new java.util.HashSet<>();
            for (var label : data.assignedLabels()) {
                if (label.label().name().equals("InboundMessage")) {
                    logged.add(label.node().getElementId());
                }
            }
            List<String> ids = new ArrayList<>();
            for (var property : data.assignedNodeProperties()) {
                if (property.key().equals("messageId") && logged.contains(property.entity().getElementId())
                        && property.value() instanceof String id) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                committed.add(ids);
            }
        }

        /** How many of these messages each transaction logged, for the transactions that logged any. */
        List<Integer> sizesOf(List<String> messageIds) {
            return committed.stream().mapToInt(ids -> (int) ids.stream().filter(messageIds::contains).count())
                    .filter(n -> n > 0).boxed().toList();
        }
    }
}
