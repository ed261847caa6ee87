package kz.reentry.hub.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who takes messages from the outbox: this hub instance, by a name that outlives restarts, and this
 * run of it. The name is HUB_INSTANCE_ID when set (a container whose disk is new on every start
 * needs one, such as its pod name), otherwise the one kept in the data directory, made on the first
 * start. The file stays locked while the hub runs, so two hub processes on one data directory cannot
 * both take messages under one name (and take back each other's claims when one restarts).
 */
final class DispatcherInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DispatcherInstance.class);

    private final Outbox.Claimant claimant;
    private final FileChannel channel;
    private final FileLock lock;

    private DispatcherInstance(Outbox.Claimant claimant, FileChannel channel, FileLock lock) {
        this.claimant = claimant;
        this.channel = channel;
        this.lock = lock;
    }

    static DispatcherInstance of(String configuredId, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException unsupported) {
            log.warn("Cannot lock {} ({}); make sure no other hub process uses this data directory", file,
                    unsupported.getMessage());
            return open(configuredId, file, channel, null);
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another hub process is using " + file.toAbsolutePath().getParent()
                    + ": each hub instance needs a data directory (HUB_DATA_DIR) of its own");
        }
        return open(configuredId, file, channel, lock);
    }

    private static DispatcherInstance open(String configuredId, Path file, FileChannel channel, FileLock lock)
            throws IOException {
        String kept = new String(readAll(channel), StandardCharsets.UTF_8).strip();
        String id;
        if (configuredId != null && !configuredId.isBlank()) {
            id = configuredId.strip();
        } else if (!kept.isEmpty()) {
            id = kept;
        } else {
            id = "hub-" + UUID.randomUUID();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
        }
        return new DispatcherInstance(new Outbox.Claimant(id, UUID.randomUUID().toString()), channel, lock);
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        var buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    Outbox.Claimant claimant() {
        return claimant;
    }

    @Override
    public void close() throws IOException {
        if (lock != null && lock.isValid()) {
            lock.release();
        }
        channel.close();
    }
}
