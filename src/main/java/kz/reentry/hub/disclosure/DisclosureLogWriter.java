package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves journal entries into the graph in batches; the graph's transaction gives them their numbers in
 * the log and chains each to the one before by hash ({@link DisclosureLogRepository#append}), so any
 * number of instances, each with its own journal, write one log. At start it first writes what the
 * journal holds beyond what the graph knows it moved: what a crash left behind.
 */
@Component
class DisclosureLogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DisclosureLogWriter.class);
    private static final long INTERVAL_MILLIS = 200;
    /** Entries per transaction when a start recovers a long journal. */
    private static final int RECOVERY_BATCH = 1000;

    private final DisclosureJournal journal;
    private final DisclosureLogRepository repository;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    /** Entries a failed write left over; they go first in the next batch, so the chain keeps its order. */
    private volatile List<DisclosureEntry> unwritten = List.of();
    /** Set at start when the journal came back shorter than what it had moved into the graph. */
    private volatile JournalLoss loss;

    DisclosureLogWriter(DisclosureJournal journal, DisclosureLogRepository repository) {
        this.journal = journal;
        this.repository = repository;
    }

    @Override
    public void start() {
        var mark = repository.journalMark(journal.key());
        recover(mark);
        detectLoss(mark);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("disclosure-log").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::flushQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
        try {
            if (unwritten.isEmpty()) {
                repository.stoppedCleanly(journal.key());
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the clean stop of the disclosure journal: {}", e.getMessage());
        }
    }

    /**
     * Before the web server, Camel and the pollers start (they start at phases near
     * {@link SmartLifecycle#DEFAULT_PHASE}): the journal must continue numbering after what the graph
     * knows it moved before anything appends, so that no journal number is given twice. Stopping
     * comes after them, so the last requests' entries are flushed.
     */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Writes what has been appended since the last flush; waits for nothing else. */
    synchronized void flush() throws IOException {
        List<DisclosureEntry> batch = new ArrayList<>(unwritten);
        batch.addAll(journal.forceAndDrain());
        unwritten = batch;
        write(batch);
        unwritten = List.of();
    }

    /**
     * Entries journaled but not yet in the graph: the batch being written, one a failed write left,
     * and those waiting for the next flush. While the graph does not answer they pile up here (the
     * journal keeps them safe), and an auditor's reads of the log miss them.
     */
    long unmoved() {
        return unwritten.size() + journal.pendingCount();
    }

    /** How long the oldest of the {@link #unmoved()} entries has waited; zero when none waits. */
    java.time.Duration lag(java.time.Instant now) {
        List<DisclosureEntry> waiting = unwritten;
        var oldest = waiting.isEmpty() ? journal.oldestPending() : java.util.Optional.of(waiting.getFirst().at());
        return oldest.map(at -> java.time.Duration.between(at.toInstant(), now))
                .filter(d -> !d.isNegative()).orElse(java.time.Duration.ZERO);
    }

    /** The journal's entries beyond what the graph knows it moved, written now. */
    synchronized void recover() {
        recover(repository.journalMark(journal.key()));
    }

    private synchronized void recover(Optional<DisclosureLogRepository.JournalMark> mark) {
        long moved = mark.map(DisclosureLogRepository.JournalMark::lastMoved).orElse(0L);
        journal.continueAfter(moved);
        // an entry journaled before entries had keys carries the log's number; without a mark of its
        // journal (a journal from before marks), one the log already reaches counts as moved
        long movedBeforeKeys = mark.isPresent() ? moved : repository.last().seq();
        List<DisclosureEntry> missing = journal.read().stream()
                .filter(e -> e.seq() > (e.id() == null ? movedBeforeKeys : moved)).toList();
        if (!missing.isEmpty()) {
            log.warn("Writing {} disclosure log entries the journal kept from before a stop", missing.size());
            for (int from = 0; from < missing.size(); from += RECOVERY_BATCH) {
                write(missing.subList(from, Math.min(missing.size(), from + RECOVERY_BATCH)));
            }
        }
    }

    /**
     * At start: a journal that holds less than it had moved into the graph before a stop that was not
     * clean was deleted or cut, and what it had not moved yet is gone; nobody can say how much. That is
     * recorded as an entry of its own (outcome {@link DisclosureEntry.Outcome#ENTRIES_MAY_BE_LOST}),
     * which the verifier reports. After a clean stop every entry had been moved.
     *
     * @param mark what the graph knew of this journal before this run wrote anything
     */
    private synchronized void detectLoss(Optional<DisclosureLogRepository.JournalMark> mark) {
        mark.filter(m -> !m.cleanStop() && m.lastMoved() > journal.heldAtStart()).ifPresent(m -> {
            loss = new JournalLoss(m.lastMoved(), journal.heldAtStart());
            log.error("The disclosure journal {} holds entries up to {} but had moved entries up to {} into the graph "
                    + "before the hub stopped without a clean shutdown: it was deleted or cut, and entries it had not "
                    + "moved yet may be lost. Recorded in the log itself; verifyDisclosureLog reports it.",
                    journal.key(), journal.heldAtStart(), m.lastMoved());
            journal.append(DisclosureEntry.by("hub", "hub")
                    .operation("JOURNAL CUT SHORT: held entries up to " + journal.heldAtStart()
                            + " after moving entries up to " + m.lastMoved() + "; entries not yet moved before the stop may be lost")
                    .outcome(DisclosureEntry.Outcome.ENTRIES_MAY_BE_LOST));
            try {
                write(journal.forceAndDrain());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What the hub found at start about its journal; null when nothing was lost. */
    JournalLoss loss() {
        return loss;
    }

    /** @param moved what the journal had moved into the graph; @param held what it still held at start */
    record JournalLoss(long moved, long held) {
    }

    private void write(List<DisclosureEntry> entries) {
        repository.append(entries, journal.key());
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (Exception e) {
            // the entries stay in the journal and are written at the next start
            log.error("Disclosure log entries could not be written to the graph yet", e);
        }
    }
}
