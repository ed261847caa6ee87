package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class DisclosureJournalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    @DisplayName("a crash while appending leaves a torn last line: the hub starts with every complete entry and keeps the torn bytes aside")
    void tornLastLine() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        var journal = new DisclosureJournal(file, JSON, "test");
        journal.append(entry("first"));
        journal.append(entry("second"));
        byte[] whole = (JSON.writeValueAsString(entry("third")) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] torn = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, torn, StandardOpenOption.APPEND);

        var restarted = new DisclosureJournal(file, JSON, "test");

        assertThat(restarted.read()).extracting(DisclosureEntry::operation).containsExactly("first", "second");
        JournalRepair repair = restarted.repair();
        assertThat(repair.tornBytes()).isEqualTo(torn.length);
        assertThat(Files.readAllBytes(repair.setAside())).isEqualTo(torn);
        assertThat(new DisclosureJournalHealthIndicator(restarted, new DisclosureLogWriter(restarted, null)).health().getDetails())
                .containsEntry("tornBytesCutOff", (long) torn.length)
                .containsEntry("keptIn", repair.setAside().getFileName().toString());
        // appending goes on after the last complete entry, on a line of its own
        restarted.append(entry("after the crash"));
        assertThat(new DisclosureJournal(file, JSON, "test").read())
                .extracting(DisclosureEntry::seq, DisclosureEntry::operation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "first"),
                        org.assertj.core.groups.Tuple.tuple(2L, "second"),
                        org.assertj.core.groups.Tuple.tuple(3L, "after the crash"));
    }

    @Test
    @DisplayName("a line inside the journal that is not an entry is left out and kept aside, and the hub still starts")
    void unreadableLineInside() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        var journal = new DisclosureJournal(file, JSON, "test");
        journal.append(entry("first"));
        Files.writeString(file, "{not an entry\n", StandardOpenOption.APPEND);
        journal.append(entry("second"));

        var restarted = new DisclosureJournal(file, JSON, "test");

        assertThat(restarted.read()).extracting(DisclosureEntry::operation).containsExactly("first", "second");
        assertThat(restarted.repair().unreadableLines()).isEqualTo(1);
        assertThat(Files.readAllLines(restarted.repair().setAside())).containsExactly("{not an entry");
    }

    @Test
    @DisplayName("after a clean stop nothing is repaired and health carries no repair")
    void cleanStop() {
        Path file = directory.resolve("journal.jsonl");
        new DisclosureJournal(file, JSON, "test").append(entry("first"));
        var restarted = new DisclosureJournal(file, JSON, "test");
        assertThat(restarted.repair().happened()).isFalse();
        assertThat(new DisclosureJournalHealthIndicator(restarted, new DisclosureLogWriter(restarted, null)).health().getDetails()).isEmpty();
        assertThat(directory.toFile().list()).containsExactly("journal.jsonl");
    }

    private static DisclosureEntry entry(String operation) {
        return new DisclosureEntry(0, ZonedDateTime.parse("2026-11-26T10:00:00Z"), "kuis-demo", "KZ-KUIS",
                "officer-1", "case-1", operation, List.of("p-1"), List.of("Person.iin"), "DISCLOSED", null, null);
    }
}
