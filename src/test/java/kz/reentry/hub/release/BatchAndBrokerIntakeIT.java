package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import kz.reentry.hub.support.StandInReceivers.Received;
import kz.reentry.hub.support.TestIins;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import tools.jackson.databind.JsonNode;

/**
 * E5 over its two other channels: batch files dropped into the watched directory (CSV, XML) and
 * JSON messages on the embedded broker. Both end in the same validation and filing as HTTP.
 */
@SuppressWarnings("unchecked")
class BatchAndBrokerIntakeIT extends HubIntegrationTest {


    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("a CSV file of 10,000 records, 40 of them invalid, ends with exactly the valid ones filed and the invalid ones dead-lettered")
    void tenThousandRecordFile() throws IOException {
        String batch = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        List<ReleaseRecords> records = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            LocalDate born = LocalDate.of(1960, 1, 1).plusDays(i);
            var record = ReleaseRecords.validRelease(LocalDate.of(2045, 1, 1).plusDays(i % 700))
                    .set("messageId", batch + "-" + i).set("person.birthDate", born.toString())
                    .set("person.iin", TestIins.forBirthDate(born));
            if (i % 250 == 7) {
                record.set(i % 500 == 7 ? "person.iin" : "custody.termEnd", i % 500 == 7 ? "123" : "not-a-date");
                invalid.add(batch + "-" + i);
            }
            records.add(record);
        }

        var file = drop(batch + ".csv", BatchDrops.csv(records));

        JsonNode done = awaitBatch(file, Duration.ofMinutes(8));
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("records").asInt()).isEqualTo(10_000);
        assertThat(done.get("accepted").asInt()).isEqualTo(9_960);
        assertThat(done.get("rejected").asInt()).isEqualTo(40);
        assertThat(count("MATCH (m:InboundMessage) WHERE m.messageId STARTS WITH $batch RETURN count(m) AS n",
                Map.of("batch", batch + "-"))).isEqualTo(9_960);
        assertThat(count("MATCH (d:DeadLetter {channel: 'file'}) WHERE d.messageId IN $ids RETURN count(d) AS n",
                Map.of("ids", invalid))).isEqualTo(40);
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    @DisplayName("an XML file is read record by record; a record that breaks a rule is dead-lettered, and the same file dropped again files nothing twice")
    void xmlFileAndItsDuplicate() throws IOException {
        var first = ReleaseRecords.validRelease(LocalDate.of(2046, 3, 1));
        var second = ReleaseRecords.validRelease(LocalDate.of(2046, 3, 2));
        var broken = ReleaseRecords.validRelease(LocalDate.of(2046, 3, 3)).set("release.type", "ESCAPE");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<releaseRecords>\n"
                + BatchDrops.xmlRecord(first) + BatchDrops.xmlRecord(second) + BatchDrops.xmlRecord(broken) + "</releaseRecords>\n";
        String name = "xml-" + UUID.randomUUID().toString().substring(0, 8);

        JsonNode once = awaitBatch(drop(name + ".xml", xml), Duration.ofMinutes(1));
        JsonNode twice = awaitBatch(drop(name + "-again.xml", xml), Duration.ofMinutes(1));

        assertThat(once.get("accepted").asInt()).isEqualTo(2);
        assertThat(once.get("rejected").asInt()).isEqualTo(1);
        assertThat(twice.get("accepted").asInt()).isZero();
        assertThat(twice.get("duplicates").asInt()).isEqualTo(2);
        assertThat(count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p) AS n",
                Map.of("iins", List.of(first.iin(), second.iin())))).isEqualTo(2);
        assertThat(count("MATCH (d:DeadLetter {channel: 'file', messageId: $id}) RETURN count(d) AS n",
                Map.of("id", broken.get("messageId")))).isEqualTo(2);
    }

    @Test
    @DisplayName("an XML file with a DOCTYPE (external entity, entity bomb) is refused whole, moved aside, and nothing in it is read")
    void xmlEntitiesRefused() throws IOException {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 4, 1));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE releaseRecords [
                  <!ENTITY secret SYSTEM "file:///etc/passwd">
                  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                ]>
                <releaseRecords>
                """ + BatchDrops.xmlRecord(record).replace("<surname>Жұмабекова</surname>", "<surname>&secret;&b;</surname>")
                + "</releaseRecords>\n";
        String name = "xxe-" + UUID.randomUUID().toString().substring(0, 8) + ".xml";

        JsonNode failed = awaitBatch(drop(name, xxe), Duration.ofMinutes(1));

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("DOCTYPE");
        assertThat(failed.get("records").asInt()).isZero();
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", record.iin()))).isZero();
        assertThat(Files.exists(directory().resolve(".failed").resolve(name))).isTrue();
    }

    @Test
    @DisplayName("a billion-laughs XML file (nested entities) is refused at its DOCTYPE at once, without expanding anything")
    void billionLaughsRefused() throws IOException {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 4, 2));
        StringBuilder entities = new StringBuilder("  <!ENTITY lol0 \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            entities.append("  <!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level - 1) + ";").repeat(10)).append("\">\n");
        }
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE releaseRecords [\n" + entities + "]>\n<releaseRecords>\n"
                + BatchDrops.xmlRecord(record).replace("<surname>Жұмабекова</surname>", "<surname>&lol9;</surname>")
                + "</releaseRecords>\n";
        String name = "lol-" + UUID.randomUUID().toString().substring(0, 8) + ".xml";

        JsonNode failed = awaitBatch(drop(name, bomb), Duration.ofSeconds(30));

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("DOCTYPE");
        assertThat(failed.get("records").asInt()).isZero();
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", record.iin()))).isZero();
    }

    @Test
    @DisplayName("a release record on the broker queue is filed; the same message again is acknowledged and not applied twice; a broken one is dead-lettered; each is answered by a receipt")
    void brokerChannel() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 5, 1));
        var broken = ReleaseRecords.validRelease(LocalDate.of(2046, 5, 2)).remove("person.surname");

        jms.convertAndSend("e5.release-records", record.json());
        jms.convertAndSend("e5.release-records", record.json());
        jms.convertAndSend("e5.release-records", broken.json());

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "MATCH (d:DeadLetter {channel: 'broker', messageId: $id}) RETURN count(d) AS n",
                Map.of("id", broken.get("messageId"))) == 1);
        assertThat(count("MATCH (m:InboundMessage {messageId: $id, channel: 'broker'})-[:CONCERNS]->(:Person {iin: $iin}) RETURN count(m) AS n",
                Map.of("id", record.get("messageId"), "iin", record.iin()))).isEqualTo(1);
        assertThat(count("MATCH (p:Person {iin: $iin})-[:SERVED]->(e:CustodyEpisode) RETURN count(e) AS n",
                Map.of("iin", record.iin()))).isEqualTo(1);
        // each message is answered by a receipt to the penal system: accepted, duplicate, rejected with its reasons
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");
        var receipts = await().atMost(Duration.ofSeconds(30)).until(() -> kuis.applied().stream()
                .filter(r -> "E5 broker message".equals(r.content().path("receipt").asString(null)))
                .map(r -> r.content().get("outcome"))
                .filter(o -> List.of(record.get("messageId"), broken.get("messageId")).contains(o.get("messageId").asString()))
                .map(o -> o.get("messageId").asString() + " " + o.get("status").asString()).toList(), found -> found.size() == 3);
        assertThat(receipts).containsExactlyInAnyOrder(record.get("messageId") + " ACCEPTED",
                record.get("messageId") + " DUPLICATE", broken.get("messageId") + " REJECTED");
    }

    @Test
    @DisplayName("a file the hub was reading when it stopped is read again; its earlier batch is closed as INTERRUPTED and names the new one")
    void interruptedFileReadAgain() throws IOException {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 5, 1));
        String name = "interrupted-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        // what a hub that stopped in the middle of this file left behind: its batch, still RUNNING
        driver.executableQuery("""
                CREATE (:BatchFile {id: $id, exchange: 'E5', name: $name, sha256: 'earlier', status: 'RUNNING',
                                    records: 1, accepted: 1, duplicates: 0, rejected: 0, startedAt: datetime()})
                """).withParameters(Map.of("id", "stopped-" + name, "name", name)).execute();

        drop(name, BatchDrops.csv(List.of(record)));
        JsonNode again = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> batchFiles().stream().filter(b -> b.get("name").asString().equals(name)
                        && b.get("status").asString().equals("DONE")).findFirst().orElse(null), found -> found != null);

        JsonNode earlier = batchFiles().stream().filter(b -> b.get("id").asString().equals("stopped-" + name)).findFirst().orElseThrow();
        assertThat(earlier.get("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(earlier.get("error").asString()).contains(again.get("id").asString());
        assertThat(earlier.get("finishedAt").isNull()).isFalse();
        assertThat(again.get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("after a batch file the penal system's system gets one receipt naming what became of each record, rejections with their reasons and dead letters")
    void batchFileReceipt() throws IOException {
        var soon = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3));
        var broken = ReleaseRecords.validRelease(LocalDate.of(2046, 6, 2)).set("release.type", "ESCAPE");
        var withoutId = ReleaseRecords.validRelease(LocalDate.of(2046, 6, 3)).set("messageId", "");
        String name = "receipt-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");

        JsonNode batch = awaitBatch(drop(name, BatchDrops.csv(List.of(soon, broken, withoutId))), Duration.ofMinutes(1));
        Received receipt = await().atMost(Duration.ofSeconds(30)).until(() -> kuis.applied().stream()
                .filter(r -> name.equals(r.content().path("file").asString(null))).findFirst().orElse(null), r -> r != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(outboundStatus(receipt.messageId())));

        JsonNode content = receipt.content();
        assertThat(content.get("status").asString()).isEqualTo("DONE");
        assertThat(content.get("accepted").asInt()).isEqualTo(1);
        assertThat(content.get("rejected").asInt()).isEqualTo(2);
        // the receipt lists the records not accepted, with their place in the file; the accepted one is
        // counted, and the read path by batch names it, as it names every record of the file
        var outcomes = content.get("outcomes").valueStream().toList();
        assertThat(outcomes).hasSize(2).noneSatisfy(o -> assertThat(o.get("status").asString()).isEqualTo("ACCEPTED"));
        assertThat(outcomes).extracting(o -> o.get("record").asInt()).containsExactly(2, 3);
        assertThat(content.get("outcomesNotListed").asInt()).isZero();
        assertThat(content.get("allRecords").asString()).contains("inboundMessages(batchFile: \"" + batch.get("id").asString());
        var logged = graphQl("kuis-demo").document("""
                        query($batch: ID) { inboundMessages(batchFile: $batch) { edges { node { messageId status deadLetterId } } } }""")
                .variable("batch", batch.get("id").asString()).executeSync().field("inboundMessages.edges")
                .toEntityList(JsonNode.class).stream().map(e -> e.get("node")).toList();
        assertThat(logged).hasSize(3);
        assertThat(logged).anySatisfy(m -> {
            assertThat(m.get("messageId").asString()).isEqualTo(soon.get("messageId"));
            assertThat(m.get("status").asString()).isEqualTo("ACCEPTED");
        });
        assertThat(logged).filteredOn(m -> m.get("status").asString().equals("REJECTED"))
                .extracting(m -> m.get("deadLetterId").asString())
                .containsExactlyInAnyOrderElementsOf(outcomes.stream().map(o -> o.get("deadLetterId").asString()).toList());
        assertThat(graphQl("kuis-demo").document("""
                        query($batch: ID) { deadLetters(batchFile: $batch) { edges { node { id } } } }""")
                .variable("batch", batch.get("id").asString()).executeSync().field("deadLetters.edges")
                .toEntityList(JsonNode.class)).hasSize(2);
        assertThat(outcomes).anySatisfy(o -> {
            assertThat(o.get("messageId").asString()).isEqualTo(broken.get("messageId"));
            assertThat(o.get("status").asString()).isEqualTo("REJECTED");
            assertThat(o.get("errors").get(0).get("rule").asString()).isEqualTo("enum");
            assertThat(count("MATCH (d:DeadLetter {id: $id, messageId: $messageId}) RETURN count(d) AS n",
                    Map.of("id", o.get("deadLetterId").asString(), "messageId", broken.get("messageId")))).isEqualTo(1);
        });
        assertThat(outcomes).anySatisfy(o -> {
            assertThat(o.get("status").asString()).isEqualTo("REJECTED");
            assertThat(o.get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString()))
                    .containsExactly("messageId required");
        });
        assertThat(receipt.endUserHeader()).isEqualTo("system:kuis-batch");
        assertThat(receipt.purposeHeader()).isEqualTo("E5 batch file " + name);
        // delivered once, and still once a few dispatcher polls later
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> kuis.deliveries(receipt.messageId()) == 1);
        // the E1 notice this file caused names the file as its purpose
        Received notice = await().atMost(Duration.ofSeconds(30)).until(() -> StandInReceivers.INSTANCE.receiver("akimat")
                .applied().stream().filter(r -> "E1".equals(r.exchange())
                        && soon.iin().equals(r.content().path("person").path("iin").asString(null)))
                .findFirst().orElse(null), r -> r != null);
        assertThat(notice.endUserHeader()).isEqualTo("system:kuis-batch");
        assertThat(notice.purposeHeader()).isEqualTo("E5 batch file " + name);
    }

    private String outboundStatus(String id) {
        return driver.executableQuery("MATCH (m:OutboundMessage {id: $id}) RETURN m.status AS status")
                .withParameters(Map.of("id", id)).execute().records().stream().findFirst()
                .map(r -> r.get("status").asString()).orElse(null);
    }

    private JsonNode awaitBatch(Path file, Duration patience) {
        String name = file.getFileName().toString();
        return await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> batchFiles().stream()
                        .filter(b -> b.get("name").asString().equals(name) && !b.get("status").asString().equals("RUNNING"))
                        .findFirst().orElse(null), found -> found != null);
    }

    private List<JsonNode> batchFiles() {
        var reply = graphQl("kuis-demo").documentName("batchFiles").executeSync();
        return reply.field("batchFiles").toEntityList(JsonNode.class);
    }

    /** Written beside the directory and moved in at once, as a sender should, so it is never read half-written. */
    private Path drop(String name, String content) throws IOException {
        Path directory = directory();
        Files.createDirectories(directory);
        Path staged = Files.writeString(directory.resolveSibling(name + ".part"), content, StandardCharsets.UTF_8);
        return Files.move(staged, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path directory() {
        var endpoint = (FileEndpoint) camel.getRoute("e5-release-data-files").getEndpoint();
        return endpoint.getFile().toPath().toAbsolutePath();
    }
}
