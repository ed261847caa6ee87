package kz.reentry.hub.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulkhead per receiver: each receiver has its own number of calls at once (its
 * {@code concurrency}), and the dispatcher takes from the outbox only as many of its messages as it
 * has calls free, each attempt on a virtual thread of its own. A receiver that hangs holds its own
 * calls until its own response timeout, and nobody else's: the other receivers' messages are taken
 * and sent as before. Messages for an agency no receiver serves fail at once, each poll's all in
 * one write (they are counted and backed off as any failed attempt, and wait for a receiver).
 * When a claim finds more of a receiver's messages due than it has calls free, the receiver's next
 * attempt to end frees a call and takes the next one at once, not at the next poll (only messages
 * that are due: one that failed waits out its backoff, so a failing receiver is called no more often
 * than its messages fall due).
 * <p>
 * Recipients are left waiting by one thread while another frees a call: so each side looks at the
 * other's after its own step. A claim that leaves recipients waiting, or gives back calls, takes the
 * waiting ones if a call is free once it is done; an attempt that ends gives back its call and then
 * takes them. Whichever of the two comes second sees both, and a wake-up is never lost to the race
 * (before, it waited for the poll: seconds, or minutes with a long poll interval).
 */
final class ReceiverBulkheads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiverBulkheads.class);

    private final Outbox outbox;
    private final OutboundDelivery delivery;
    private final DeliveryProperties properties;
    private final Outbox.Claimant claimant;
    private final Map<String, Bulkhead> bulkheads = new LinkedHashMap<>();
    private final Receivers receivers;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("outbox-delivery-", 0).factory());
    private final AtomicBoolean earlierClaimsReleased = new AtomicBoolean();

    ReceiverBulkheads(Outbox outbox, OutboundDelivery delivery, Receivers receivers, DeliveryProperties properties,
                      Outbox.Claimant claimant) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.claimant = claimant;
        this.receivers = receivers;
        for (var receiver : receivers.all()) {
            var timeouts = properties.connectTimeout(receiver.receiver()).plus(properties.responseTimeout(receiver.receiver()));
            if (timeouts.compareTo(properties.lease()) >= 0) {
                throw new IllegalStateException("hub.delivery.lease (" + properties.lease() + ") must be longer than the"
                        + " connect and response timeouts of receiver " + receiver.name() + " (" + timeouts
                        + "), or a message could be sent again while its first call is still waiting");
            }
            var bulkhead = new Bulkhead(receiver.name(), new Semaphore(receiver.receiver().concurrency()));
            bulkheads.put(receiver.name(), bulkhead);
        }
    }

    /**
     * One poll: the messages due now, for each receiver as many as it has calls free, taken in this
     * instance's name; null when there are none (the poller then waits for its next turn).
     */
    List<Claimed> claim() {
        if (earlierClaimsReleased.compareAndSet(false, true)) {
            long released = outbox.releaseEarlierClaims(claimant);
            log.info("Outbox dispatcher started as {} (run {}){}", claimant.instance(), claimant.run(),
                    released == 0 ? "" : "; took back " + released + " messages its earlier run had taken and not delivered");
        }
        List<String> due = outbox.dueRecipients();
        if (due.isEmpty()) {
            return null;
        }
        List<Claimed> claimed = claim(due, true);
        return claimed.isEmpty() ? null : claimed;
    }

    /**
     * Woken for these recipients (agency codes), whose messages were just committed: theirs that are
     * due, as many as their receivers have calls free; none for an agency no receiver serves (the
     * poll takes those).
     */
    List<Claimed> claimFor(Collection<String> recipients) {
        return claim(recipients, false);
    }

    private List<Claimed> claim(Collection<String> due, boolean unservedToo) {
        Map<String, Bulkhead> servedBy = new LinkedHashMap<>();
        Map<Bulkhead, List<String>> byReceiver = new LinkedHashMap<>();
        List<String> unserved = new ArrayList<>();
        for (String recipient : due) {
            var bulkhead = receivers.forAgency(recipient).map(named -> bulkheads.get(named.name())).orElse(null);
            if (bulkhead == null) {
                unserved.add(recipient);
            } else {
                servedBy.put(recipient, bulkhead);
                byReceiver.computeIfAbsent(bulkhead, b -> new ArrayList<>()).add(recipient);
            }
        }
        // every receiver's free calls, then one claim for all of them: a wake-up for a record's notices
        // to the akimat and the police takes both in one round trip
        Map<Bulkhead, Integer> free = new LinkedHashMap<>();
        List<Outbox.ClaimBatch> batches = new ArrayList<>();
        byReceiver.forEach((bulkhead, recipients) -> {
            int calls = bulkhead.calls().drainPermits();
            if (calls == 0) {
                bulkhead.waiting().addAll(recipients);
                return;
            }
            free.put(bulkhead, calls);
            batches.add(new Outbox.ClaimBatch(recipients, calls));
        });
        List<Claimed> claimed = new ArrayList<>();
        Map<Bulkhead, Integer> taken = new LinkedHashMap<>();
        try {
            if (!batches.isEmpty()) {
                for (OutboundMessage message : outbox.claimDue(batches, properties.lease(), claimant)) {
                    Bulkhead bulkhead = servedBy.get(message.recipient());
                    taken.merge(bulkhead, 1, Integer::sum);
                    claimed.add(new Claimed(message, bulkhead));
                }
            }
        } finally {
            free.forEach((bulkhead, calls) -> {
                int used = taken.getOrDefault(bulkhead, 0);
                bulkhead.calls().release(calls - used);
                if (used == calls) {
                    // every call taken: more may be due, for when one is free again
                    bulkhead.waiting().addAll(byReceiver.get(bulkhead));
                }
            });
            // an attempt that ended while this claim held the receiver's calls, or before these
            // recipients joined the waiting ones, found none waiting: take them now (see the class)
            byReceiver.keySet().stream()
                    .filter(bulkhead -> !bulkhead.waiting().isEmpty() && bulkhead.calls().availablePermits() > 0)
                    .forEach(bulkhead -> threads.execute(() -> next(bulkhead)));
        }
        if (unservedToo && !unserved.isEmpty()) {
            delivery.failUnserved(unserved, properties.batchSize());
        }
        return claimed;
    }

    /** Starts the attempt on a thread of its own; the receiver's call is free again when it ends. */
    void start(Claimed claimed) {
        threads.execute(() -> {
            try {
                delivery.attempt(claimed.message());
            } catch (RuntimeException e) {
                log.error("Delivery attempt of {} failed unexpectedly; it is due again when its lease ends",
                        claimed.message().id(), e);
            } finally {
                if (claimed.bulkhead() != null) {
                    claimed.bulkhead().calls().release();
                }
            }
            if (claimed.bulkhead() != null) {
                next(claimed.bulkhead());
            }
        });
    }

    /** The receiver's messages left due for want of a free call, now that one may be free; only those due. */
    private void next(Bulkhead bulkhead) {
        List<String> waiting = new ArrayList<>();
        for (var recipients = bulkhead.waiting().iterator(); recipients.hasNext(); ) {
            waiting.add(recipients.next());
            recipients.remove();
        }
        if (waiting.isEmpty()) {
            return;
        }
        try {
            claimFor(waiting).forEach(this::start);
        } catch (RuntimeException e) {
            log.warn("Could not take {}'s next messages ({}); the next poll will", bulkhead.receiver(), e.toString());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A message taken for delivery, with the bulkhead of its receiver (null when no receiver serves it). */
    record Claimed(OutboundMessage message, Bulkhead bulkhead) {
    }

    /**
     * A receiver's calls, and the recipients whose messages a claim found due when it had no call free
     * (or took as many as it had free): taken again when a delivery frees one. Equal only to itself.
     */
    static final class Bulkhead {

        private final String receiver;
        private final Semaphore calls;
        private final Set<String> waiting = ConcurrentHashMap.newKeySet();

        Bulkhead(String receiver, Semaphore calls) {
            this.receiver = receiver;
            this.calls = calls;
        }

        String receiver() {
            return receiver;
        }

        Semaphore calls() {
            return calls;
        }

        Set<String> waiting() {
            return waiting;
        }
    }
}
