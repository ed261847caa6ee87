package kz.reentry.hub.exchange;

import java.util.Map;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Sends a dead letter, as kept or as corrected by an operator, through the same shared steps its
 * exchange runs for live messages, and records the outcome on the dead letter.
 */
@Service
public class DeadLetterReplay {

    private final DeadLetterStore store;
    private final ProducerTemplate camel;

    DeadLetterReplay(DeadLetterStore store, ProducerTemplate camel) {
        this.store = store;
        this.camel = camel;
    }

    @PreAuthorize("hasRole('INTAKE_OPERATOR')")
    public Outcome replay(String id, String correctedPayload, String operator) {
        DeadLetter deadLetter = store.find(id).orElseThrow(() -> new NotFoundException("No dead letter with id " + id));
        if (deadLetter.status() == DeadLetter.Status.REPLAYED) {
            throw new InvalidArgumentException("id", "deadLetter.replayed",
                    "names a dead letter that was already replayed successfully at " + deadLetter.resolvedAt());
        }
        String payload = correctedPayload != null ? correctedPayload : deadLetter.payload();
        try {
            Object result = camel.requestBodyAndHeaders(deadLetter.replayTo(), payload, Map.of(
                    IntakeHeaders.CHANNEL, "replay",
                    IntakeHeaders.SENDER, deadLetter.sender(),
                    IntakeHeaders.EXCHANGE, deadLetter.exchange()));
            String messageId = result instanceof Receipt receipt ? receipt.messageId() : null;
            return new Outcome(store.markReplayed(id, payload, messageId, operator), true, result);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RecordRejectedException rejected) {
                return new Outcome(store.recordFailedReplay(id, payload, rejected.errors(), operator), false, null);
            }
            throw e;
        }
    }

    /**
     * @param result what the exchange's steps returned for an accepted replay (for E5 an intake receipt)
     */
    public record Outcome(DeadLetter deadLetter, boolean accepted, Object result) {
    }

    /** Implemented by what an exchange returns for an accepted message, so a replay can link to it. */
    public interface Receipt {
        String messageId();

        /** The IIN of the person the message is about. */
        String personIin();

        /** True when the message was received before and was not applied again. */
        boolean duplicate();
    }
}
