package kz.reentry.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A message to put in the outbox, in the same transaction as the change that causes it.
 *
 * @param exchange     E1, E2...
 * @param recipient    the agency code it is for
 * @param obligationId the legal duty it discharges, when there is one; met once every message for it is delivered
 * @param payload      the JSON content, fixed at the moment of the change
 * @param endUser      the person at the keyboard whose request caused it (X-End-User), if any
 * @param purpose      the purpose or case of that request (X-Purpose), if any
 * @param causedBy     the client whose request, or the schedule, that caused it
 * @param traceparent  the trace of the request that caused it, when the change is committed on another thread
 *                     than that request's (records filed together); null: the trace in scope when it is queued
 */
public record NewOutboundMessage(String exchange, String recipient, String personId, String obligationId,
                                 String payload, String endUser, String purpose, String causedBy, String traceparent) {

    public NewOutboundMessage(String exchange, String recipient, String personId, String obligationId, String payload,
                              String endUser, String purpose, String causedBy) {
        this(exchange, recipient, personId, obligationId, payload, endUser, purpose, causedBy, null);
    }

    /**
     * The same duty to the same recipient always gives the same id, so enqueuing it again (a
     * schedule run twice, an intake replayed) adds nothing; receivers deduplicate on it.
     */
    public String id() {
        String key = exchange + "|" + recipient + "|" + (obligationId != null ? obligationId : payload);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
