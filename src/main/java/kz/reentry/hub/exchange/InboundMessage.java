package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;

/** A received message in the log: an accepted one (filed) or a rejected one (a dead letter). */
public record InboundMessage(String id, String messageId, String exchange, String channel, String sender,
                             ZonedDateTime receivedAt, Status status, String contentHash, String responseHash,
                             String deadLetterId, String personId) {

    public enum Status {
        ACCEPTED,
        REJECTED
    }
}
