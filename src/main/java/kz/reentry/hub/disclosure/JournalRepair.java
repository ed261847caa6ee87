package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crash in the middle of an append leaves: a last line without its newline. Such a tail is
 * never a whole entry (an entry and its newline are one write), so it is cut off and kept beside the
 * journal for an auditor, and the hub starts with every complete entry. Lines that do not parse
 * inside the file are not a crash's doing; they are kept aside too (see {@link DisclosureJournal#read()}).
 */
record JournalRepair(long tornBytes, int unreadableLines, Path setAside) {

    private static final Logger log = LoggerFactory.getLogger(JournalRepair.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static final JournalRepair NONE = new JournalRepair(0, 0, null);

    boolean happened() {
        return tornBytes > 0 || unreadableLines > 0;
    }

    JournalRepair withUnreadable(int lines, Path aside) {
        return new JournalRepair(tornBytes, unreadableLines + lines, aside);
    }

    /** Cuts a torn last line off the journal, keeping its bytes in a file beside it. */
    static JournalRepair cutTornTail(Path journal) {
        if (!Files.exists(journal)) {
            return NONE;
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = afterLastNewline(channel, size);
            if (end == size) {
                return NONE;
            }
            ByteBuffer torn = ByteBuffer.allocate((int) (size - end));
            channel.read(torn, end);
            Path aside = asideOf(journal);
            Files.write(aside, torn.array(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            // the bytes are safe beside the journal before they leave it
            channel.truncate(end);
            channel.force(true);
            log.warn("The disclosure journal {} ended in a torn line of {} bytes (a crash while appending);"
                    + " it was cut off and kept in {}", journal, size - end, aside);
            return new JournalRepair(size - end, 0, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal " + journal + " could not be checked for a torn line", e);
        }
    }

    /** Where a journal's unreadable bytes are kept: beside it, named by the time of the repair. */
    static Path asideOf(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".unreadable-" + STAMP.format(Instant.now()));
    }

    private static long afterLastNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long position = size;
        while (position > 0) {
            int length = (int) Math.min(buffer.capacity(), position);
            position -= length;
            buffer.clear().limit(length);
            channel.read(buffer, position);
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }
}
