package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.json.JsonMapper;

class DisclosureLogWriterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    @DisplayName("the log writer takes up its journal's numbering before the web server takes requests, and stops after it; the log numbers the entries after its own last")
    void recoversBeforeRequestsArrive() throws Exception {
        // this (fresh) journal had moved entries up to 41 before it was rotated away; the log, which
        // other instances write too, ends at 90
        var graph = new GraphStandIn(41, 90, "hash-of-90");
        var journal = new DisclosureJournal(directory.resolve("journal.jsonl"), JSON, "test");
        var writer = new DisclosureLogWriter(journal, graph);
        var webServer = new WebServerStandIn(journal, writer, servletWebServerPhase());

        try (var context = new GenericApplicationContext()) {
            context.registerBean(DisclosureLogWriter.class, () -> writer);
            context.registerBean(WebServerStandIn.class, () -> webServer);
            context.refresh();
            assertThat(webServer.writerRunningAtStart).as("writer running when the web server started").isTrue();
            assertThat(webServer.firstRequest).as("first request's entry numbered after what its journal moved").isEqualTo(42);
        }

        assertThat(webServer.writerRunningAtStop).as("writer still running when the web server stopped").isTrue();
        assertThat(writer.isRunning()).isFalse();
        // the last request's entry, appended as the web server stopped, was written by the writer's own stop
        assertThat(graph.appended).extracting(DisclosureEntry::seq).containsExactly(91L, 92L);
        assertThat(graph.appended.getFirst().previousHash()).isEqualTo("hash-of-90");
    }

    /** The phase of Spring Boot's own start/stop lifecycle of the servlet web server (package-private there). */
    private static int servletWebServerPhase() throws Exception {
        var type = Class.forName("org.springframework.boot.web.server.servlet.context.WebServerStartStopLifecycle");
        var constructor = type.getDeclaredConstructor(ServletWebServerApplicationContext.class, WebServer.class);
        constructor.setAccessible(true);
        return ((SmartLifecycle) constructor.newInstance(null, null)).getPhase();
    }

    private static DisclosureEntry entry(String operation) {
        return new DisclosureEntry(0, ZonedDateTime.parse("2026-11-26T10:00:00Z"), "kuis-demo", "KZ-KUIS",
                "officer-1", "case-1", operation, List.of("p-1"), List.of("Person.iin"), "DISCLOSED", null, null);
    }

    /**
     * The graph's side of the log, without Neo4j: what the journal had moved, a last entry to continue
     * from, and what was appended.
     */
    private static final class GraphStandIn extends DisclosureLogRepository {

        private final long moved;
        private Last last;
        final List<DisclosureEntry> appended = new CopyOnWriteArrayList<>();

        GraphStandIn(long moved, long seq, String hash) {
            super(null);
            this.moved = moved;
            this.last = new Last(seq, hash);
        }

        @Override
        Last last() {
            return last;
        }

        @Override
        synchronized List<DisclosureEntry> append(List<DisclosureEntry> entries, String journal) {
            var chained = chain(entries.stream().sorted(java.util.Comparator.comparingLong(DisclosureEntry::seq)).toList(), last);
            appended.addAll(chained);
            if (!chained.isEmpty()) {
                last = new Last(chained.getLast().seq(), chained.getLast().hash());
            }
            return chained;
        }

        @Override
        java.util.Optional<JournalMark> journalMark(String journal) {
            return java.util.Optional.of(new JournalMark(moved, true));
        }

        @Override
        void stoppedCleanly(String journal) {
        }
    }

    /** Stands in for the web server at its real phase: a request arrives as it starts, and one as it stops. */
    private static final class WebServerStandIn implements SmartLifecycle {

        private final DisclosureJournal journal;
        private final DisclosureLogWriter writer;
        private final int phase;
        private volatile boolean running;
        volatile boolean writerRunningAtStart;
        volatile boolean writerRunningAtStop;
        volatile long firstRequest;

        WebServerStandIn(DisclosureJournal journal, DisclosureLogWriter writer, int phase) {
            this.journal = journal;
            this.writer = writer;
            this.phase = phase;
        }

        @Override
        public void start() {
            writerRunningAtStart = writer.isRunning();
            journal.append(entry("QUERY first"));
            firstRequest = journal.read().getLast().seq();
            running = true;
        }

        @Override
        public void stop() {
            writerRunningAtStop = writer.isRunning();
            journal.append(entry("QUERY last"));
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return phase;
        }
    }
}
