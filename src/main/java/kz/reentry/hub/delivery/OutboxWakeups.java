package kz.reentry.hub.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Wakes the dispatcher as soon as a message is committed to the outbox ({@link Outbox.Queued}), so
 * that it leaves in milliseconds instead of at the next poll. One thread of its own takes the
 * recipients woken for since its last turn, many commits in one turn, and claims their messages
 * that are due, as the poll would: the same claims, the same bulkheads and circuit breakers, a
 * message whose attempt failed waits out its backoff. The poll stays for what no wake-up reports:
 * messages of another hub instance, retries, claims taken back after a crash.
 */
final class OutboxWakeups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeups.class);

    private final Set<String> recipients = ConcurrentHashMap.newKeySet();
    private final Semaphore woken = new Semaphore(0);
    private final Consumer<List<String>> dispatch;
    private final Thread thread;
    private volatile boolean closed;

    /** @param dispatch claims and starts the due messages of these recipients */
    OutboxWakeups(Consumer<List<String>> dispatch) {
        this.dispatch = dispatch;
        this.thread = Thread.ofVirtual().name("outbox-wakeups").start(this::run);
    }

    @EventListener
    void queued(Outbox.Queued queued) {
        recipients.add(queued.recipient());
        woken.release();
    }

    private void run() {
        while (!closed) {
            try {
                woken.acquire();
            } catch (InterruptedException e) {
                return;
            }
            woken.drainPermits();
            List<String> turn = new ArrayList<>();
            for (var it = recipients.iterator(); it.hasNext(); ) {
                turn.add(it.next());
                it.remove();
            }
            if (turn.isEmpty()) {
                continue;
            }
            try {
                dispatch.accept(turn);
            } catch (RuntimeException e) {
                log.warn("Woken for {}, the dispatcher could not take their messages ({}); the next poll will",
                        turn, e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
