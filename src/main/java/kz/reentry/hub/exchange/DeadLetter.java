package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPersons;
import kz.reentry.hub.security.HealthRelated;
import kz.reentry.hub.security.HealthScope;

/**
 * A message an intake channel rejected, kept with why, so it can be corrected and replayed.
 *
 * @param replayTo  the Camel endpoint that runs the exchange's shared steps, where a replay goes
 * @param personIds the persons the payload names (hub ids, or iin:IIN for persons not filed), so every
 *                  read of it is a disclosure of them
 * @param senderAgency the agency of the client that sent it, whose word a replay still is
 */
public record DeadLetter(String id, String exchange, String channel, ZonedDateTime receivedAt, String sender,
                         String messageId, Status status, String payload, List<FieldError> errors, int attempts,
                         ZonedDateTime resolvedAt, String replayTo, List<String> personIds, String senderAgency)
        implements AboutPersons, HealthRelated {

    /** A rejected E3 medical part holds clinical content (access-policy.yaml, DeadLetter.payload). */
    @Override
    public boolean healthRelated() {
        return HealthScope.HEALTH_EXCHANGE.equals(exchange);
    }

    public enum Status { PENDING, REPLAYED }
}
