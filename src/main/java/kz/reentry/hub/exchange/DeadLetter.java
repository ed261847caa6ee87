package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A message an intake channel rejected, kept with why, so it can be corrected and replayed.
 *
 * @param replayTo the Camel endpoint that runs the exchange's shared steps, where a replay goes
 */
public record DeadLetter(String id, String exchange, String channel, ZonedDateTime receivedAt, String sender,
                         String messageId, Status status, String payload, List<FieldError> errors, int attempts,
                         ZonedDateTime resolvedAt, String replayTo) {

    public enum Status { PENDING, REPLAYED }
}
