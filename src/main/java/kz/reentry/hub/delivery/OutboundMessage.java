package kz.reentry.hub.delivery;

import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;

/**
 * A message the hub owes another agency's system, as the outbox holds it: what, to whom, on whose
 * request, and how its delivery went. {@code responseHash} is the proof of which answer this message got;
 * {@code traceparent} is the trace it was queued in, which its delivery continues ({@link MessageTraces}).
 */
public record OutboundMessage(String id, String exchange, String recipient, String personId, String obligationId,
                              Status status, int attempts, ZonedDateTime createdAt, ZonedDateTime nextAttemptAt,
                              ZonedDateTime deliveredAt, String lastError, String payload, String contentHash,
                              String responseHash, String receiver, String endUser, String purpose, String causedBy,
                              String traceparent)
        implements AboutPerson {

    public enum Status {
        /** waiting for its first or next attempt */
        PENDING,
        /** the receiver acknowledged it */
        DELIVERED,
        /** the retry budget is spent; an operator replays it once the cause is fixed */
        DEAD
    }
}
