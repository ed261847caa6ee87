package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write-ahead journal of the disclosure log: each entry is appended to a local file, in the
 * request's own thread and before the answer leaves, so that a crash of the hub loses no entry; the
 * log writer moves them into the graph in batches. An append is one write system call, not a sync,
 * so reads are not slowed; the writer forces the file to disk before each batch.
 */
@Component
public class DisclosureJournal {

    private final Path file;
    private final JsonMapper json;
    private final FileChannel channel;
    private final AtomicLong lastSeq;
    /** Appended since start, for the log writer; after a crash the file itself is read instead. */
    private final java.util.concurrent.ConcurrentLinkedQueue<DisclosureEntry> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();

    DisclosureJournal(@Value("${hub.disclosure.journal}") Path file, JsonMapper json) {
        this.file = file.toAbsolutePath();
        this.json = json;
        try {
            Files.createDirectories(this.file.getParent());
            this.channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal " + this.file + " cannot be opened", e);
        }
        this.lastSeq = new AtomicLong(read().stream().mapToLong(DisclosureEntry::seq).max().orElse(0));
    }

    /** Numbers the entry and appends it; synchronized so that lines never interleave and numbers stay in file order. */
    public synchronized void append(DisclosureEntry unnumbered) {
        var entry = new DisclosureEntry(lastSeq.incrementAndGet(), unnumbered.at(), unnumbered.client(),
                unnumbered.agency(), unnumbered.endUser(), unnumbered.purpose(), unnumbered.operation(),
                unnumbered.persons(), unnumbered.fields(), unnumbered.outcome(), null, null);
        byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            channel.write(ByteBuffer.wrap(line));
            pending.add(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal could not be written; the operation is not answered", e);
        }
    }

    /** Records a request the edge refused before any GraphQL ran (size, rate, missing purpose). */
    public void refused(String client, String agency, String endUser, String purpose, String what) {
        append(new DisclosureEntry(0, java.time.ZonedDateTime.now(), client == null ? "anonymous" : client,
                agency == null ? "unknown" : agency, endUser, purpose, "REFUSED at the edge: " + what, List.of(),
                List.of(), "REFUSED", null, null));
    }

    /** Continues numbering after the graph's last entry when the graph is ahead (journal rotated or moved). */
    void continueAfter(long seq) {
        lastSeq.accumulateAndGet(seq, Math::max);
    }

    /** Forces the file to disk, then hands over what was appended since the last call. */
    List<DisclosureEntry> forceAndDrain() throws IOException {
        channel.force(false);
        List<DisclosureEntry> drained = new java.util.ArrayList<>();
        for (DisclosureEntry entry; (entry = pending.poll()) != null; ) {
            drained.add(entry);
        }
        return drained;
    }

    /** Every entry in the journal, in order. */
    List<DisclosureEntry> read() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> json.readValue(line, DisclosureEntry.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
