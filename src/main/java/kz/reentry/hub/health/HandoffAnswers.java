package kz.reentry.hub.health;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.parser.DataFormatException;
import kz.reentry.hub.delivery.FhirResponse;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.referral.ReferralMoves;
import kz.reentry.hub.referral.ReferralStatus;
import kz.reentry.hub.security.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * E3 back: what the health organisation says about a handoff. A response message with code ok
 * (in the synchronous answer to $process-message, or later to the hub's FHIR endpoint) is the
 * acknowledgement: the referral is RECEIVED and the duty to acknowledge is met. A Task update moves
 * the referral on (accepted, rejected with its reason, in-progress, completed = the first visit
 * happened) and acknowledges too. Only the handoff's own receiver is heard; each inbound message
 * (by its MessageHeader.id) is applied once.
 */
@Service
public class HandoffAnswers {

    private static final Logger log = LoggerFactory.getLogger(HandoffAnswers.class);

    private final HandoffRepository handoffs;
    private final ReferralMoves referrals;
    private final ObligationRepository obligations;
    private final Driver driver;
    private final Outbox outbox;

    HandoffAnswers(HandoffRepository handoffs, ReferralMoves referrals, ObligationRepository obligations, Driver driver,
                   Outbox outbox) {
        this.outbox = outbox;
        this.handoffs = handoffs;
        this.referrals = referrals;
        this.obligations = obligations;
        this.driver = driver;
    }

    /**
     * The receiver's synchronous answer to a delivered message, at once. The outbox keeps it with the
     * delivery; once applied it is marked so, and {@link #applyKeptAnswers} applies any a crash left.
     */
    @EventListener
    void delivered(FhirResponse response) {
        if (!HealthHandoffs.EXCHANGE.equals(response.exchange()) || response.body() == null || response.body().isBlank()) {
            return;
        }
        applyKept(response);
    }

    /** Answers kept with deliveries and not applied (this instance stopped first); returns how many were applied. */
    public int applyKeptAnswers() {
        int applied = 0;
        for (var answer : outbox.unappliedAnswers(HealthHandoffs.EXCHANGE, 500)) {
            if (applyKept(answer)) {
                applied++;
            }
        }
        return applied;
    }

    /**
     * Applies the answer and marks it applied; if the graph fails meanwhile, the answer stays kept
     * for the next run. Each inbound message is applied once (by its MessageHeader.id), so an answer
     * applied but not yet marked is harmless to apply again.
     */
    private boolean applyKept(FhirResponse response) {
        try {
            applyAnswer(response);
            outbox.answerApplied(response.messageId());
            return true;
        } catch (RuntimeException e) {
            log.warn("The answer to E3 message {} is kept, not applied yet: {}", response.messageId(), e.getMessage());
            return false;
        }
    }

    private void applyAnswer(FhirResponse response) {
        IBaseResource answer;
        try {
            answer = FhirSetup.json().parseResource(response.body());
        } catch (DataFormatException e) {
            log.warn("The answer to E3 message {} is not FHIR the hub can read: {}", response.messageId(), e.getMessage());
            return;
        }
        // an OperationOutcome is a receipt: the acknowledgement comes later to the hub's endpoint
        if (answer instanceof Bundle bundle) {
            apply(bundle, new Caller("fhir:" + response.recipient(), response.recipient(), null, List.of()));
        }
    }

    /** What happened to an inbound message. */
    public enum Outcome { APPLIED, DUPLICATE, UNKNOWN_HANDOFF, NOT_UNDERSTOOD }

    /** @param personId the hub id of the person the handoff is about, when it was found */
    public record Result(Outcome outcome, String personId) {
    }

    /** Applies a message Bundle from a health organisation (already validated); the caller must be the handoff's receiver. */
    public Result apply(Bundle bundle, Caller caller) {
        if (bundle.getType() != Bundle.BundleType.MESSAGE || bundle.getEntry().isEmpty()
                || !(bundle.getEntryFirstRep().getResource() instanceof MessageHeader header)) {
            return new Result(Outcome.NOT_UNDERSTOOD, null);
        }
        String inboundId = plainId(header.getIdElement().getIdPart());
        if (header.hasResponse()) {
            var handoff = ownHandoff(handoffs.byMessageId(plainId(header.getResponse().getIdentifier())), caller);
            if (handoff.isEmpty()) {
                return new Result(Outcome.UNKNOWN_HANDOFF, null);
            }
            return switch (header.getResponse().getCode()) {
                case OK -> acknowledge(handoff.get(), inboundId, ReferralStatus.RECEIVED, null, null, caller, "ok");
                case FATALERROR -> record(handoff.get(), inboundId, "REFUSED", false, "fatal-error");
                default -> record(handoff.get(), inboundId, handoff.get().status(), false,
                        header.getResponse().getCode().toCode());
            };
        }
        Optional<Task> task = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Task.class::isInstance).map(Task.class::cast)
                .filter(t -> t.getIdentifier().stream().anyMatch(i -> E3Profile.HANDOFF_SYSTEM.equals(i.getSystem())))
                .findFirst();
        if (task.isEmpty()) {
            return new Result(Outcome.NOT_UNDERSTOOD, null);
        }
        String referralId = task.get().getIdentifier().stream()
                .filter(i -> E3Profile.HANDOFF_SYSTEM.equals(i.getSystem())).findFirst().orElseThrow().getValue();
        var handoff = ownHandoff(handoffs.byReferralId(referralId, caller.agency()), caller);
        if (handoff.isEmpty()) {
            return new Result(Outcome.UNKNOWN_HANDOFF, null);
        }
        String said = task.get().hasStatusReason() ? task.get().getStatusReason().getText() : null;
        return switch (task.get().getStatus()) {
            case RECEIVED -> acknowledge(handoff.get(), inboundId, ReferralStatus.RECEIVED, said, null, caller, "received");
            case ACCEPTED -> acknowledge(handoff.get(), inboundId, ReferralStatus.ACCEPTED, said, null, caller, "accepted");
            case REJECTED -> acknowledge(handoff.get(), inboundId, ReferralStatus.REJECTED,
                    said == null || said.isBlank() ? "rejected by the health organisation" : said, null, caller, "rejected");
            case INPROGRESS -> acknowledge(handoff.get(), inboundId, ReferralStatus.IN_PROGRESS, said, null, caller, "in-progress");
            case COMPLETED -> acknowledge(handoff.get(), inboundId, ReferralStatus.COMPLETED, said,
                    said == null || said.isBlank() ? "first visit happened" : said, caller, "completed");
            default -> new Result(Outcome.NOT_UNDERSTOOD, handoff.get().personId());
        };
    }

    /** A parser gives an entry's resource its fullUrl as id (urn:uuid:…); the message id is the UUID itself. */
    private static String plainId(String id) {
        return id == null ? null : id.replaceFirst("^urn:uuid:", "");
    }

    /** A handoff the caller does not receive is as unknown as one that does not exist. */
    private static Optional<HandoffRepository.Sent> ownHandoff(Optional<HandoffRepository.Sent> found, Caller caller) {
        return found.filter(h -> caller.agency() != null && caller.agency().equals(h.receiver()));
    }

    /** The referral first (moving it forward is harmless twice), then the answer and the duty, once. */
    private Result acknowledge(HandoffRepository.Sent handoff, String inboundId, ReferralStatus target, String note,
                                String outcome, Caller caller, String answer) {
        referrals.byReceiver(handoff.referralId(), target, note, outcome, caller);
        return record(handoff, inboundId, target == ReferralStatus.REJECTED ? "REJECTED" : "ACKNOWLEDGED", true, answer);
    }

    private Result record(HandoffRepository.Sent handoff, String inboundId, String status, boolean acknowledged,
                           String answer) {
        try (var session = driver.session()) {
            boolean applied = session.executeWrite(tx -> {
                boolean fresh = handoffs.answered(tx, handoff.messageId(), inboundId, status, acknowledged, answer);
                if (fresh && acknowledged && handoff.obligationId() != null) {
                    obligations.meet(tx, handoff.obligationId());
                }
                return fresh;
            });
            return new Result(applied ? Outcome.APPLIED : Outcome.DUPLICATE, handoff.personId());
        }
    }
}
