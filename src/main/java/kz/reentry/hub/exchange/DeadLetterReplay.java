package kz.reentry.hub.exchange;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.disclosure.AboutPersons;
import kz.reentry.hub.security.CallerScopes;
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
    private final CallerScopes scopes;

    DeadLetterReplay(DeadLetterStore store, ProducerTemplate camel, CallerScopes scopes) {
        this.store = store;
        this.camel = camel;
        this.scopes = scopes;
    }

    @PreAuthorize("hasRole('INTAKE_OPERATOR')")
    public Outcome replay(String id, String correctedPayload, Operator operator) {
        // an E3 dead letter is as absent as a missing one to a caller who may not know of health messages
        DeadLetter deadLetter = store.find(id, scopes.currentPersonScope())
                .filter(d -> scopes.currentHealthScope().seesExchange(d.exchange()))
                .orElseThrow(() -> new NotFoundException("No dead letter with id " + id));
        if (deadLetter.status() == DeadLetter.Status.REPLAYED) {
            throw new InvalidArgumentException("id", "deadLetter.replayed",
                    "names a dead letter that was already replayed successfully at " + deadLetter.resolvedAt());
        }
        String payload = correctedPayload != null ? correctedPayload : deadLetter.payload();
        try {
            // the message keeps its sender; what the replay writes is the operator's, for whom and why it asked
            Map<String, Object> headers = new HashMap<>();
            headers.put(IntakeHeaders.CHANNEL, "replay");
            headers.put(IntakeHeaders.SENDER, deadLetter.sender());
            if (deadLetter.senderAgency() != null) {
                // whose word the message is (an employment centre's outcome is heard from that centre only)
                headers.put(IntakeHeaders.SENDER_AGENCY, deadLetter.senderAgency());
            }
            headers.put(IntakeHeaders.EXCHANGE, deadLetter.exchange());
            headers.put(IntakeHeaders.OPERATOR, operator.client());
            headers.put(IntakeHeaders.OPERATOR_AGENCY, operator.agency());
            headers.put(IntakeHeaders.END_USER, operator.endUser());
            headers.put(IntakeHeaders.PURPOSE, operator.purpose());
            Object result = camel.requestBodyAndHeaders(deadLetter.replayTo(), payload, headers);
            // an E5 record answers with its receipt, other exchanges (E3, E4) with a reply naming the message
            // id, if they have one; a record without one (a vacancy) is known by the id it was kept under
            String messageId = result instanceof FilingReceipt receipt ? receipt.messageId()
                    : result instanceof Map<?, ?> reply && reply.get("messageId") instanceof String answered ? answered
                    : deadLetter.messageId();
            return new Outcome(store.markReplayed(id, payload, messageId, operator.client()), true, result);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RecordRejectedException rejected) {
                return new Outcome(store.recordFailedReplay(id, payload, rejected.errors(), operator.client()), false, null);
            }
            throw e;
        }
    }

    /** Who replays: the client and its agency, and the person at its keyboard and the purpose they named. */
    public record Operator(String client, String agency, String endUser, String purpose) {
    }

    /**
     * @param result what the exchange's steps returned for an accepted replay (for E5 an intake receipt)
     */
    public record Outcome(DeadLetter deadLetter, boolean accepted, Object result) implements AboutPersons {

        /** The person the replay filed, and those the kept payload names: whose data the operator handled. */
        @Override
        public List<String> personIds() {
            Set<String> persons = new LinkedHashSet<>();
            if (result instanceof FilingReceipt receipt && receipt.personId() != null) {
                persons.add(receipt.personId());
            }
            persons.addAll(deadLetter.personIds());
            return List.copyOf(persons);
        }
    }
}
