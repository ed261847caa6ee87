package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The disclosure log's lag as an operator's monitoring reads it (issue 19): what waits to reach the graph, and for how long. */
class DisclosureLogLagTests {

    @TempDir
    Path directory;

    @Test
    @DisplayName("while the graph refuses the log's writes, the entries waiting and the age of the oldest grow; once it answers, both are zero")
    void lagWhileTheGraphRefuses() throws Exception {
        var graph = new RefusingGraph();
        var journal = new DisclosureJournal(directory.resolve("journal.jsonl"), JsonMapper.builder().build(), "test");
        var writer = new DisclosureLogWriter(journal, graph);
        var meters = new SimpleMeterRegistry();
        new DisclosureLogMetrics(writer).bindTo(meters);
        assertThat(meters.get("hub.disclosure.log.unmoved").gauge().value()).isZero();
        assertThat(meters.get("hub.disclosure.log.lag").gauge().value()).isZero();

        ZonedDateTime read = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(30);
        journal.append(entry(read));
        journal.append(entry(read.plusSeconds(10)));
        graph.refusing = true;
        assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
        journal.append(entry(read.plusSeconds(20)));

        assertThat(meters.get("hub.disclosure.log.unmoved").gauge().value()).isEqualTo(3);
        assertThat(writer.lag(read.toInstant().plusSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(meters.get("hub.disclosure.log.lag").gauge().value()).isBetween(29.0, 120.0);

        graph.refusing = false;
        writer.flush();
        assertThat(graph.appended).hasSize(3);
        assertThat(meters.get("hub.disclosure.log.unmoved").gauge().value()).isZero();
        assertThat(writer.lag(Instant.now())).isZero();
    }

    private static DisclosureEntry entry(ZonedDateTime at) {
        return new DisclosureEntry(0, at, "kuis-demo", "KZ-KUIS", "officer-1", "case-1", "QUERY person",
                List.of("p-1"), List.of("Person.iin"), "DISCLOSED", null, null);
    }

    /** The graph's side of the log, without Neo4j, refusing writes while told to. */
    private static final class RefusingGraph extends DisclosureLogRepository {

        volatile boolean refusing;
        final List<DisclosureEntry> appended = new java.util.concurrent.CopyOnWriteArrayList<>();

        RefusingGraph() {
            super(null);
        }

        @Override
        List<DisclosureEntry> append(List<DisclosureEntry> entries, String journal) {
            if (refusing) {
                throw new IllegalStateException("the graph does not answer");
            }
            appended.addAll(entries);
            return entries;
        }
    }
}
