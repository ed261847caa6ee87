package kz.reentry.hub.release;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import kz.reentry.hub.delivery.MessageTraces;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import kz.reentry.hub.exchange.IntakeContext;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The last shared step of the E5 channels that bring one record at a time (HTTP, the broker, replays):
 * the records that arrive while others are being filed are filed together, in one transaction
 * ({@link ReleaseRecordStore#fileAll}), by one filer thread, in the order they arrived. A record alone
 * goes at once, on its own: nothing waits for a group to fill, so a quiet hub answers as fast as before,
 * and a busy one shares each commit and each statement among the records that came meanwhile.
 * <p>
 * Each caller still gets its own outcome: its receipt, its own rejection (thrown on its thread, so its
 * channel dead-letters and answers it as before), or its own failure. A record rejected or failing in
 * a group never undoes or holds back another: {@code fileAll} files the records before it, and the
 * records after it go first in the next group.
 */
@Component("releaseRecordFiler")
public class ReleaseRecordFiler {

    /** As many as a batch file's group: a commit shared widely, a group re-filed one at a time cheaply. */
    static final int MAX_GROUP = 200;
    private static final Logger log = LoggerFactory.getLogger(ReleaseRecordFiler.class);

    private final ReleaseRecordStore store;
    private final MessageTraces traces;
    /** How many records each filing answered: how far the commits are shared. */
    private final DistributionSummary answered;
    private final BlockingQueue<Waiting> arrived = new LinkedBlockingQueue<>();
    private final Thread filer;
    private volatile boolean stopping;

    ReleaseRecordFiler(ReleaseRecordStore store, MessageTraces traces, MeterRegistry meters) {
        this.store = store;
        this.traces = traces;
        this.answered = DistributionSummary.builder("hub.intake.filed.together")
                .description("E5 records that arrived one at a time (HTTP, broker, replays) answered by one filing")
                .baseUnit("records").tag("exchange", ReleaseRecordStore.EXCHANGE).register(meters);
        this.filer = Thread.ofPlatform().daemon().name("e5-filer").start(this::fileWhatArrives);
    }

    /** Files the record (camel-routes/e5-release-data.camel.yaml) and answers for it alone. */
    public IntakeReceipt file(@Body ReleaseRecord record, Exchange exchange) throws InterruptedException {
        var waiting = new Waiting(new ReleaseRecordStore.Pending(record, IntakeContext.of(exchange), traces.current()),
                new CompletableFuture<>());
        if (stopping) {
            throw stopped();
        }
        arrived.add(waiting);
        if (stopping && arrived.remove(waiting)) {
            throw stopped();
        }
        ReleaseRecordStore.Outcome outcome;
        try {
            outcome = waiting.outcome.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
        if (outcome.rejected() != null) {
            throw outcome.rejected();
        }
        if (outcome.failed() != null) {
            throw outcome.failed();
        }
        return outcome.receipt();
    }

    private void fileWhatArrives() {
        Deque<Waiting> next = new ArrayDeque<>();
        while (!stopping) {
            try {
                if (next.isEmpty()) {
                    next.add(arrived.take());
                }
                List<Waiting> more = new ArrayList<>();
                arrived.drainTo(more, MAX_GROUP - next.size());
                next.addAll(more);
                List<Waiting> group = new ArrayList<>(Math.min(next.size(), MAX_GROUP));
                for (var waiting : next) {
                    if (group.size() == MAX_GROUP) {
                        break;
                    }
                    group.add(waiting);
                }
                List<ReleaseRecordStore.Outcome> outcomes = fileAll(group);
                answered.record(outcomes.size());
                // the outcomes are those of the group's first records; the rest go first in the next group
                for (var outcome : outcomes) {
                    next.removeFirst().outcome.complete(outcome);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable e) {
                // never leave a caller waiting: whatever went wrong outside fileAll's own answers fails the group
                log.error("Filing a group of {} E5 records failed", next.size(), e);
                next.forEach(waiting -> waiting.outcome.completeExceptionally(e));
                next.clear();
            }
        }
        next.forEach(waiting -> waiting.outcome.completeExceptionally(stopped()));
    }

    private List<ReleaseRecordStore.Outcome> fileAll(List<Waiting> group) {
        var outcomes = store.fileAll(group.stream().map(Waiting::pending).toList());
        if (outcomes.isEmpty()) {
            throw new IllegalStateException("filing a group of " + group.size() + " E5 records answered for none");
        }
        return outcomes;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        filer.interrupt();
        filer.join(10_000);
        Waiting waiting;
        while ((waiting = arrived.poll()) != null) {
            waiting.outcome.completeExceptionally(stopped());
        }
    }

    private static IllegalStateException stopped() {
        return new IllegalStateException("the hub is stopping; the record was not filed");
    }

    private record Waiting(ReleaseRecordStore.Pending pending, CompletableFuture<ReleaseRecordStore.Outcome> outcome) {
    }
}
