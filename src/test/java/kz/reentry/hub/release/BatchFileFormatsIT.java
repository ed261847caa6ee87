package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * E5 batch files as ministries really write them, and the files a bad day drops beside them: every
 * file dropped is either read or refused with a reason in {@code batchFiles} and moved to .failed/,
 * and a refused file never holds back the ones after it. This hub's channel reads CSV without a BOM
 * as windows-1251 and takes files of at most 2 MB (inflated), so a gzip bomb is cheap to build.
 */
@TestPropertySource(properties = {
        "hub.intake.batch-charset=windows-1251",
        "hub.intake.batch-max-size=2MB",
        "hub.intake.servlet-name=BatchFileFormatsServlet"})
class BatchFileFormatsIT extends HubIntegrationTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final byte[] UTF_8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Autowired
    CamelContext camel;

    private BatchDrops files;

    @BeforeEach
    void files() {
        files = new BatchDrops(BatchDrops.directoryOf(camel),
                () -> graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class));
    }

    @Test
    @DisplayName("an empty file is refused with its reason and moved to .failed/, and the valid file dropped after it is filed")
    void emptyFileRefusedAndOthersGoOn() throws Exception {
        String id = unique();
        var record = kazakh(LocalDate.of(2047, 1, 10));
        files.drop("empty-" + id + ".csv", new byte[0]);
        JsonNode empty = files.awaitBatch("empty-" + id + ".csv", PATIENCE);
        files.drop("after-empty-" + id + ".csv", withBom(UTF_8_BOM, BatchDrops.csv(List.of(record)).getBytes(StandardCharsets.UTF_8)));

        JsonNode filed = files.awaitBatch("after-empty-" + id + ".csv", PATIENCE);

        assertThat(filed.get("status").asString()).isEqualTo("DONE");
        assertThat(filed.get("accepted").asInt()).isEqualTo(1);
        assertThat(empty.get("status").asString()).isEqualTo("FAILED");
        assertThat(empty.get("error").asString()).contains("empty");
        assertThat(empty.get("records").asInt()).isZero();
        assertMovedAside("empty-" + id + ".csv");
    }

    @Test
    @DisplayName("a CSV without a BOM is read in the channel's charset (windows-1251 here), its Cyrillic names intact")
    void windows1251Csv() throws IOException {
        var record = ReleaseRecords.validRelease(LocalDate.of(2047, 2, 1))
                .set("person.surname", "Бекова").set("person.givenName", "Інжу").set("person.patronymic", "Ерлановна")
                .set("custody.court", "Усть-Каменогорский городской суд");
        String name = "cp1251-" + unique() + ".csv";

        JsonNode batch = dropAndAwait(name, BatchDrops.csv(List.of(record)).getBytes(WINDOWS_1251));

        assertThat(batch.get("status").asString()).isEqualTo("DONE");
        assertThat(batch.get("accepted").asInt()).isEqualTo(1);
        assertFiledIntact(record);
    }

    @Test
    @DisplayName("CSV files in UTF-16 with a BOM (little- and big-endian) are read whatever the channel's charset, Kazakh letters intact")
    void utf16WithBom() throws IOException {
        var little = kazakh(LocalDate.of(2047, 3, 1));
        var big = kazakh(LocalDate.of(2047, 3, 2));
        String id = unique();

        JsonNode le = dropAndAwait("utf16le-" + id + ".csv", withBom(new byte[]{(byte) 0xFF, (byte) 0xFE},
                BatchDrops.csv(List.of(little)).getBytes(StandardCharsets.UTF_16LE)));
        JsonNode be = dropAndAwait("utf16be-" + id + ".csv", withBom(new byte[]{(byte) 0xFE, (byte) 0xFF},
                BatchDrops.csv(List.of(big)).getBytes(StandardCharsets.UTF_16BE)));

        assertThat(le.get("accepted").asInt()).as("UTF-16LE: %s", le).isEqualTo(1);
        assertThat(be.get("accepted").asInt()).as("UTF-16BE: %s", be).isEqualTo(1);
        assertFiledIntact(little);
        assertFiledIntact(big);
    }

    @Test
    @DisplayName("a UTF-8 BOM before the CSV header is not part of the first column: every record keeps its messageId")
    void utf8BomCsv() throws IOException {
        var first = kazakh(LocalDate.of(2047, 4, 1));
        var second = kazakh(LocalDate.of(2047, 4, 2));
        String name = "utf8bom-" + unique() + ".csv";

        JsonNode batch = dropAndAwait(name, withBom(UTF_8_BOM,
                BatchDrops.csv(List.of(first, second)).getBytes(StandardCharsets.UTF_8)));

        assertThat(batch.get("accepted").asInt()).as("%s", batch).isEqualTo(2);
        assertThat(batch.get("rejected").asInt()).isZero();
        assertThat(count("MATCH (m:InboundMessage) WHERE m.messageId IN $ids RETURN count(m) AS n",
                Map.of("ids", List.of(first.get("messageId"), second.get("messageId"))))).isEqualTo(2);
        assertFiledIntact(first);
        assertFiledIntact(second);
    }

    @Test
    @DisplayName("an XML file declared as windows-1251 is read as windows-1251, and one in UTF-8 as UTF-8, whatever the channel's CSV charset")
    void xmlDeclaredEncoding() throws IOException {
        var russian = ReleaseRecords.validRelease(LocalDate.of(2047, 5, 1))
                .set("person.surname", "Щербакова").set("person.givenName", "Іляна").set("person.patronymic", "Юрьевна");
        var kazakh = kazakh(LocalDate.of(2047, 5, 2));
        String id = unique();

        JsonNode cp1251 = dropAndAwait("declared-1251-" + id + ".xml", BatchDrops.xml(
                "<?xml version=\"1.0\" encoding=\"windows-1251\"?>", List.of(russian)).getBytes(WINDOWS_1251));
        JsonNode utf8 = dropAndAwait("declared-utf8-" + id + ".xml", BatchDrops.xml(
                "<?xml version='1.0' encoding='UTF-8'?>", List.of(kazakh)).getBytes(StandardCharsets.UTF_8));

        assertThat(cp1251.get("accepted").asInt()).as("%s", cp1251).isEqualTo(1);
        assertThat(utf8.get("accepted").asInt()).as("%s", utf8).isEqualTo(1);
        assertFiledIntact(russian);
        assertFiledIntact(kazakh);
    }

    @Test
    @DisplayName("a file with bytes its encoding cannot decode is refused whole, naming the line and byte offset, and nothing in it is filed")
    void undecodableRefused() throws IOException {
        var before = kazakh(LocalDate.of(2047, 6, 1));
        var broken = ReleaseRecords.validRelease(LocalDate.of(2047, 6, 2)).set("person.surname", "MARKER");
        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        byte[] utf8 = BatchDrops.xml(declaration, List.of(before, broken)).getBytes(StandardCharsets.UTF_8);
        // the second record's surname written by a system that ignored the declaration: windows-1251 bytes
        String text = new String(utf8, StandardCharsets.UTF_8);
        int at = text.indexOf("MARKER");
        int offset = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        byte[] bad = concat(java.util.Arrays.copyOf(utf8, offset), "Иванова".getBytes(WINDOWS_1251),
                java.util.Arrays.copyOfRange(utf8, offset + "MARKER".length(), utf8.length));
        String name = "undecodable-" + unique() + ".xml";

        JsonNode refused = dropAndAwait(name, bad);

        assertThat(refused.get("status").asString()).isEqualTo("FAILED");
        assertThat(refused.get("error").asString()).contains("UTF-8").contains("line " + line)
                .contains("byte offset " + offset);
        assertThat(refused.get("records").asInt()).isZero();
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", before.iin()))).isZero();
        assertMovedAside(name);
    }

    @Test
    @DisplayName("in a windows-1251 channel, a CSV without a BOM that is UTF-8 is refused rather than filed with garbled names, and one with a byte windows-1251 lacks is refused with its place")
    void wrongCharsetRefused() throws IOException {
        var utf8 = kazakh(LocalDate.of(2047, 7, 1));
        String id = unique();
        String asUtf8 = "utf8-no-bom-" + id + ".csv";
        String with0x98 = "cp1251-0x98-" + id + ".csv";
        byte[] csv1251 = BatchDrops.csv(List.of(ReleaseRecords.validRelease(LocalDate.of(2047, 7, 2))
                .set("person.surname", "Петрова"))).getBytes(WINDOWS_1251);
        int header = BatchDrops.csv(List.of()).getBytes(WINDOWS_1251).length;

        JsonNode notCp1251 = dropAndAwait(asUtf8, BatchDrops.csv(List.of(utf8)).getBytes(StandardCharsets.UTF_8));
        csv1251[header + 3] = (byte) 0x98;
        JsonNode undefined = dropAndAwait(with0x98, csv1251);

        assertThat(notCp1251.get("status").asString()).isEqualTo("FAILED");
        assertThat(notCp1251.get("error").asString()).contains("UTF-8").contains("windows-1251").contains("BOM");
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", utf8.iin()))).isZero();
        assertThat(undefined.get("status").asString()).isEqualTo("FAILED");
        assertThat(undefined.get("error").asString()).contains("windows-1251").contains("line 2")
                .contains("byte offset " + (header + 3));
        assertMovedAside(asUtf8);
        assertMovedAside(with0x98);
    }

    @Test
    @DisplayName("gzip-compressed CSV and XML files are read as streams, Kazakh letters intact")
    void gzipRead() throws IOException {
        var csv = kazakh(LocalDate.of(2047, 8, 1));
        var xml = kazakh(LocalDate.of(2047, 8, 2));
        String id = unique();

        JsonNode csvBatch = dropAndAwait("gz-" + id + ".csv.gz", gzip(withBom(UTF_8_BOM,
                BatchDrops.csv(List.of(csv)).getBytes(StandardCharsets.UTF_8))));
        JsonNode xmlBatch = dropAndAwait("gz-" + id + ".xml.gz", gzip(BatchDrops.xml(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", List.of(xml)).getBytes(StandardCharsets.UTF_8)));

        assertThat(csvBatch.get("accepted").asInt()).as("%s", csvBatch).isEqualTo(1);
        assertThat(xmlBatch.get("accepted").asInt()).as("%s", xmlBatch).isEqualTo(1);
        assertFiledIntact(csv);
        assertFiledIntact(xml);
        assertThat(files.directory().resolve("gz-" + id + ".csv.gz")).doesNotExist();
    }

    @Test
    @DisplayName("a gzip file that inflates past the channel's limit (a gzip bomb) is refused before any record is filed")
    void gzipBombRefused() throws IOException {
        var record = kazakh(LocalDate.of(2047, 9, 1));
        byte[] csv = BatchDrops.csv(List.of(record)).getBytes(StandardCharsets.UTF_8);
        // the valid record first, then 3 MB of blank lines: a few KB compressed
        byte[] bomb = gzip(concat(csv, "\n".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)));
        String name = "bomb-" + unique() + ".csv.gz";

        JsonNode refused = dropAndAwait(name, bomb);

        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThat(refused.get("status").asString()).isEqualTo("FAILED");
        assertThat(refused.get("error").asString()).contains("inflate").contains(Long.toString(2L * 1024 * 1024));
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", record.iin()))).isZero();
        assertMovedAside(name);
    }

    @Test
    @DisplayName("a ZIP archive, a .txt file and a file without an extension are refused with their reason and moved to .failed/, never left lying")
    void unknownTypesRefused() throws IOException {
        var record = kazakh(LocalDate.of(2047, 10, 1));
        byte[] csv = BatchDrops.csv(List.of(record)).getBytes(StandardCharsets.UTF_8);
        var zipped = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("releases.csv"));
            zip.write(csv);
            zip.closeEntry();
        }
        String id = unique();

        for (var file : Map.of("archive-" + id + ".zip", zipped.toByteArray(), "export-" + id + ".txt", csv,
                "noext-" + id, csv).entrySet()) {
            JsonNode refused = dropAndAwait(file.getKey(), file.getValue());
            assertThat(refused.get("status").asString()).as(file.getKey()).isEqualTo("FAILED");
            assertThat(refused.get("error").asString()).as(file.getKey()).contains(".csv").contains(".xml").contains(".gz");
            assertMovedAside(file.getKey());
        }
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", record.iin()))).isZero();
    }

    private JsonNode dropAndAwait(String name, byte[] content) throws IOException {
        files.drop(name, content);
        return files.awaitBatch(name, PATIENCE);
    }

    private void assertMovedAside(String name) {
        assertThat(files.directory().resolve(name)).as("left in the directory").doesNotExist();
        assertThat(files.directory().resolve(".failed").resolve(name)).as("moved to .failed/").exists();
    }

    /** The person, the court and the institution as the record named them, letter for letter. */
    private void assertFiledIntact(ReleaseRecords record) {
        var row = driver.executableQuery("""
                        MATCH (p:Person {iin: $iin})-[:SERVED]->(e:CustodyEpisode)-[:AT]->(i:Institution)
                        RETURN p.surname AS surname, p.givenName AS givenName, p.patronymic AS patronymic,
                               e.court AS court, i.name AS institution""")
                .withParameters(Map.of("iin", record.iin())).execute().records();
        assertThat(row).as("filed %s", record.iin()).hasSize(1);
        var filed = row.getFirst();
        assertThat(filed.get("surname").asString()).isEqualTo(record.get("person.surname"));
        assertThat(filed.get("givenName").asString()).isEqualTo(record.get("person.givenName"));
        assertThat(filed.get("patronymic").asString()).isEqualTo(record.get("person.patronymic"));
        assertThat(filed.get("court").asString()).isEqualTo(record.get("custody.court"));
        assertThat(filed.get("institution").asString()).isEqualTo(record.get("institution.name"));
    }

    /** A record whose names use every Kazakh letter: ә ғ қ ң ө ұ ү һ і. */
    private static ReleaseRecords kazakh(LocalDate release) {
        return ReleaseRecords.validRelease(release)
                .set("person.surname", "Әбілқасымова").set("person.givenName", "Гүлнұр").set("person.patronymic", "Ғалымқызы")
                .set("custody.court", "Өскемен қаласының мамандандырылған соты")
                .set("institution.code", "UK-166-11").set("institution.name", "Шаһар мекемесі ЕЦ-166/11");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] withBom(byte[] bom, byte[] content) {
        return concat(bom, content);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}
