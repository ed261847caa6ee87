package kz.reentry.hub.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * and sent as before. Messages for an agency no receiver serves fail at once (and wait for one).
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
        Map<Bulkhead, List<String>> byReceiver = new LinkedHashMap<>();
        List<String> unserved = new ArrayList<>();
        for (String recipient : due) {
            var bulkhead = receivers.forAgency(recipient).map(named -> bulkheads.get(named.name())).orElse(null);
            if (bulkhead == null) {
                unserved.add(recipient);
            } else {
                byReceiver.computeIfAbsent(bulkhead, b -> new ArrayList<>()).add(recipient);
            }
        }
        List<Claimed> claimed = new ArrayList<>();
        byReceiver.forEach((bulkhead, recipients) -> {
            int free = bulkhead.calls().drainPermits();
            if (free == 0) {
                return;
            }
            List<OutboundMessage> taken = List.of();
            try {
                taken = outbox.claimDue(recipients, free, properties.lease(), claimant);
            } finally {
                bulkhead.calls().release(free - taken.size());
            }
            taken.forEach(message -> claimed.add(new Claimed(message, bulkhead)));
        });
        if (!unserved.isEmpty()) {
            outbox.claimDue(unserved, properties.batchSize(), properties.lease(), claimant)
                    .forEach(message -> claimed.add(new Claimed(message, null)));
        }
        return claimed.isEmpty() ? null : claimed;
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
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A message taken for delivery, with the bulkhead of its receiver (null when no receiver serves it). */
    record Claimed(OutboundMessage message, Bulkhead bulkhead) {
    }

    record Bulkhead(String receiver, Semaphore calls) {
    }
}
