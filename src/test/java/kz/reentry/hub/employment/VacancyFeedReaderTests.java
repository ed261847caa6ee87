package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The vacancy feed's three forms read record by record, and what stops or refuses a feed. */
class VacancyFeedReaderTests {

    @Test
    @DisplayName("a JSON array gives its objects one by one, and an element that is no object is a record that cannot be read")
    void jsonArray() throws IOException {
        var records = read("application/json", """
                [ {"id": "V-1", "status": "OPEN"}, 42, {"id": "V-2", "status": "CLOSED"} ]""");
        assertThat(records).extracting(VacancyFeedReader.FeedRecord::place).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).vacancyId()).isEqualTo("V-1");
        assertThat(records.get(1).unreadable().rule()).isEqualTo("json");
        assertThat(records.get(1).payload()).isEqualTo("42");
        assertThat(records.get(2).fields().get("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    @DisplayName("JSON lines: a broken line is a record of its own, and the lines after it are read")
    void jsonLines() throws IOException {
        var records = read("application/json", """
                {"id": "V-1", "status": "OPEN"}
                {"id": "V-2", "status":
                
                {"id": "V-3", "id": "V-4"}
                {"id": "V-5", "status": "OPEN"}
                """);
        assertThat(records).hasSize(4);
        assertThat(records.get(1).unreadable().rule()).isEqualTo("json");
        assertThat(records.get(1).payload()).isEqualTo("{\"id\": \"V-2\", \"status\":");
        assertThat(records.get(2).unreadable()).as("a key given twice").isNotNull();
        assertThat(records.get(3).vacancyId()).isEqualTo("V-5");
    }

    @Test
    @DisplayName("CSV: the header names the fields, semicolons or commas as the header has them, a BOM skipped, empty cells left out")
    void csv() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "id;status;employer;position;region;openedOn;acceptsCriminalRecord\n"
                + "V-1;OPEN;\"ТОО «Сварка; и сыновья»\";сварщик;KZ-75;2026-11-01;\n"
                + "V-2;CLOSED\n"
                + "V-3;OPEN;ИП;токарь;KZ-75;2026-11-01;true;лишнее\n";
        var records = read("text/csv; charset=utf-8", concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(records).hasSize(3);
        assertThat(records.get(0).fields().get("employer").asString()).isEqualTo("ТОО «Сварка; и сыновья»");
        assertThat(records.get(0).fields().has("acceptsCriminalRecord")).isFalse();
        assertThat(records.get(1).unreadable().rule()).isEqualTo("csv.columns");
        assertThat(records.get(2).unreadable().rule()).isEqualTo("csv.columns");
        assertThat(records.get(2).payload()).contains("лишнее");
    }

    @Test
    @DisplayName("a CSV header with a column that is no field of a vacancy, or without the id, refuses the feed before any record")
    void csvHeader() {
        assertThatThrownBy(() -> read("text/csv", "id,status,salry\nV-1,OPEN,1\n"))
                .isInstanceOfSatisfying(VacancyFeedReader.Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.errors()).extracting(e -> e.rule()).containsExactly("csv.header");
                });
        assertThatThrownBy(() -> read("text/csv", "status,employer\nOPEN,x\n"))
                .isInstanceOfSatisfying(VacancyFeedReader.Refused.class,
                        refused -> assertThat(refused.errors().getFirst().message()).contains("'id'"));
    }

    @Test
    @DisplayName("another content type is 415; an empty feed, or JSON that is neither an array nor objects, is 400")
    void refusals() {
        assertThatThrownBy(() -> read("text/plain", "id,status"))
                .isInstanceOfSatisfying(VacancyFeedReader.Refused.class, refused -> assertThat(refused.status()).isEqualTo(415));
        assertThatThrownBy(() -> read("application/json", "   "))
                .isInstanceOfSatisfying(VacancyFeedReader.Refused.class, refused -> assertThat(refused.errors().getFirst().rule())
                        .isEqualTo("feed.empty"));
        assertThatThrownBy(() -> read("application/json", "\"vacancies\""))
                .isInstanceOfSatisfying(VacancyFeedReader.Refused.class, refused -> assertThat(refused.status()).isEqualTo(400));
    }

    @Test
    @DisplayName("broken JSON in an array stops the feed after the records before it; bytes that are not UTF-8 too")
    void broken() throws IOException {
        var reader = VacancyFeedReader.open(stream("[{\"id\": \"V-1\"}, {\"id\": ]"), "application/json");
        assertThat(reader.next().vacancyId()).isEqualTo("V-1");
        assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(VacancyFeedReader.Broken.class,
                broken -> assertThat(broken.error().rule()).isEqualTo("json"));

        byte[] latin1 = "{\"id\": \"V-1\"}\n{\"id\": \"Caf\u00e9\"}\n".getBytes(Charset.forName("ISO-8859-1"));
        var lines = VacancyFeedReader.open(new ByteArrayInputStream(latin1), "application/x-ndjson");
        // decoded a buffer at a time: the records of the buffer with the bad bytes are not read either
        assertThatThrownBy(() -> lines.forEachRemaining(record -> { })).isInstanceOfSatisfying(VacancyFeedReader.Broken.class,
                broken -> assertThat(broken.error().rule()).isEqualTo("feed.encoding"));
    }

    @Test
    @DisplayName("a line longer than a record may be is a record that cannot be read, and the next line is read")
    void oversizedLine() throws IOException {
        String longLine = "{\"id\": \"V-1\", \"conditions\": \"" + "ж".repeat(VacancyFeedReader.MAX_RECORD_CHARS) + "\"}";
        var records = read("application/x-ndjson", longLine + "\n{\"id\": \"V-2\"}\n");
        assertThat(records.get(0).unreadable().rule()).isEqualTo("record.size");
        assertThat(records.get(0).payload()).hasSizeLessThan(2000);
        assertThat(records.get(1).vacancyId()).isEqualTo("V-2");
    }

    private static List<VacancyFeedReader.FeedRecord> read(String contentType, String text) throws IOException {
        return read(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<VacancyFeedReader.FeedRecord> read(String contentType, byte[] bytes) throws IOException {
        List<VacancyFeedReader.FeedRecord> records = new ArrayList<>();
        try (var reader = VacancyFeedReader.open(new ByteArrayInputStream(bytes), contentType)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
