package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import kz.reentry.hub.security.RefusalLog;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write-ahead journal of the disclosure log: each entry is appended to a local file, in the
 * request's own thread and before the answer leaves, so that a crash of the hub loses no entry; the
 * log writer moves them into the graph in batches. An append is one write system call, not a sync,
 * so reads are not slowed; the writer forces the file to disk before each batch. Entries carry this
 * journal's own numbers: every instance keeps a journal, and the place of an entry in the one log of
 * the graph is given only when it is written there.
 */
@Component
public class DisclosureJournal implements RefusalLog {

    private final Path file;
    private final JsonMapper json;
    private final FileChannel channel;
    private final AtomicLong lastSeq;
    /** The highest entry number the file held when the hub started. */
    private final long heldAtStart;
    /** Which journal this is, for the graph's record of what each journal has moved ({@link #key()}). */
    private final String key;
    /** What had to be cut off or set aside at start, for health and the log. */
    private final JournalRepair repair;
    /** Appended since start, for the log writer; after a crash the file itself is read instead. */
    private final ConcurrentLinkedQueue<DisclosureEntry> pending = new ConcurrentLinkedQueue<>();

    DisclosureJournal(@Value("${hub.disclosure.journal}") Path file, JsonMapper json,
                      @Value("${HUB_INSTANCE_ID:}") String instanceId) {
        this.file = file.toAbsolutePath();
        this.key = (instanceId.isBlank() ? hostName() : instanceId.strip()) + ":" + this.file;
        this.json = json;
        JournalRepair repaired;
        try {
            Files.createDirectories(this.file.getParent());
            repaired = JournalRepair.cutTornTail(this.file);
            this.channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal " + this.file + " cannot be opened", e);
        }
        Contents contents = contents();
        this.repair = contents.unreadable().isEmpty() ? repaired : setAside(repaired, contents.unreadable());
        this.heldAtStart = contents.entries().stream().mapToLong(DisclosureEntry::seq).max().orElse(0);
        this.lastSeq = new AtomicLong(heldAtStart);
    }

    /**
     * The host (or HUB_INSTANCE_ID) and the file: instances that share one graph each keep their own
     * journal, and one journal is known by where it lives.
     */
    String key() {
        return key;
    }

    long heldAtStart() {
        return heldAtStart;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** What was cut off or set aside when the hub started (nothing, after a clean stop). */
    JournalRepair repair() {
        return repair;
    }

    /**
     * Numbers the entry with this journal's next number, gives it its own key and appends it;
     * synchronized so that lines never interleave and numbers stay in file order. Its place in the
     * graph's log is given when it is moved there.
     */
    public synchronized void append(DisclosureEntry unnumbered) {
        var entry = unnumbered.numbered(lastSeq.incrementAndGet(), UUID.randomUUID().toString());
        byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            channel.write(ByteBuffer.wrap(line));
            pending.add(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal could not be written; the operation is not answered", e);
        }
    }

    /** Records a request the edge refused before any GraphQL ran (size, rate, missing purpose). */
    @Override
    public void refused(String client, String agency, String endUser, String purpose, String what) {
        append(DisclosureEntry.by(client == null ? "anonymous" : client, agency).forWhom(endUser, purpose)
                .operation("REFUSED at the edge: " + what).outcome(DisclosureEntry.Outcome.REFUSED));
    }

    /**
     * Continues numbering after what this journal had moved into the graph when the graph knows of more
     * than the file holds (the file was rotated, restored or deleted), so no number is given twice.
     */
    void continueAfter(long seq) {
        lastSeq.accumulateAndGet(seq, Math::max);
    }

    /** When the oldest entry appended since the last drain was appended; empty when there is none. */
    java.util.Optional<java.time.ZonedDateTime> oldestPending() {
        return java.util.Optional.ofNullable(pending.peek()).map(DisclosureEntry::at);
    }

    /** How many entries were appended since the last drain. */
    int pendingCount() {
        return pending.size();
    }

    /** Forces the file to disk, then hands over what was appended since the last call. */
    List<DisclosureEntry> forceAndDrain() throws IOException {
        channel.force(false);
        List<DisclosureEntry> drained = new ArrayList<>();
        for (DisclosureEntry entry; (entry = pending.poll()) != null; ) {
            drained.add(entry);
        }
        return drained;
    }

    /** Every entry in the journal, in order; lines that do not parse are left out (and were set aside at start). */
    List<DisclosureEntry> read() {
        return contents().entries();
    }

    private Contents contents() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        List<DisclosureEntry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                try {
                    entries.add(json.readValue(line, DisclosureEntry.class));
                } catch (RuntimeException e) {
                    unreadable.add(line);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("The disclosure journal " + file + " cannot be read", e);
        }
        return new Contents(entries, unreadable);
    }

    /**
     * Lines that do not parse are no crash's doing (a crash tears only the last line): someone or
     * something changed the file. Their text is kept beside it for an auditor; every other entry still counts.
     */
    private JournalRepair setAside(JournalRepair repaired, List<String> unreadable) {
        Path aside = repaired.setAside() != null ? repaired.setAside() : JournalRepair.asideOf(file);
        try {
            Files.write(aside, unreadable, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable lines of the disclosure journal could not be kept in " + aside, e);
        }
        LoggerFactory.getLogger(DisclosureJournal.class).error(
                "{} lines of the disclosure journal {} are not entries; they were left out and kept in {}",
                unreadable.size(), file, aside);
        return repaired.withUnreadable(unreadable.size(), aside);
    }

    private record Contents(List<DisclosureEntry> entries, List<String> unreadable) {
    }
}
