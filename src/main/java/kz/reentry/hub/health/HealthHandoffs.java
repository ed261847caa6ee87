package kz.reentry.hub.health;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.referral.ReferralMoves;
import kz.reentry.hub.security.Caller;
import org.hl7.fhir.r4.model.Bundle;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * E3 out (decree 912 item 13): a HEALTH referral is handed over to the health organisation it names
 * as a FHIR message Bundle, the days of its condition before the person walks out; the receiver hears
 * again when the release is recorded, and a receiver whose person goes elsewhere gets a cancellation
 * while the organisation of the new destination gets the handoff. Each message's bundle is built and
 * validated first; a valid one goes into the outbox together with what it changes, in one
 * transaction; an invalid one is recorded as INVALID with the validator's errors (and logged), never
 * enqueued, and tried again on the next run.
 */
@Service
public class HealthHandoffs {

    static final String EXCHANGE = "E3";
    static final String SCHEDULE_END_USER = "system:e3-schedule";
    static final String SCHEDULE_PURPOSE = "E3 treatment-continuity handoff, decree 912 item 13";

    private static final Logger log = LoggerFactory.getLogger(HealthHandoffs.class);

    private final Driver driver;
    private final HandoffRepository handoffs;
    private final HandoffBundles bundles;
    private final FhirSetup fhir;
    private final Outbox outbox;
    private final ObligationRepository obligations;
    private final HealthProperties properties;
    private final JsonMapper json;
    private final ReferralMoves referrals;

    /** The hub itself, when a run moves a referral to the organisation of a new destination. */
    private static final Caller SCHEDULE_CALLER = new Caller(SCHEDULE_END_USER, "REENTRY-HUB", null, List.of());

    private static final TypeReference<List<HandoffFacts.ConditionFact>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<HandoffFacts.MedicationFact>> MEDICATIONS = new TypeReference<>() {
    };

    HealthHandoffs(Driver driver, HandoffRepository handoffs, HandoffBundles bundles, FhirSetup fhir, Outbox outbox,
                   ObligationRepository obligations, HealthProperties properties, JsonMapper json,
                   ReferralMoves referrals) {
        this.json = json;
        this.referrals = referrals;
        this.driver = driver;
        this.handoffs = handoffs;
        this.bundles = bundles;
        this.fhir = fhir;
        this.outbox = outbox;
        this.obligations = obligations;
        this.properties = properties;
    }

    /**
     * The periodic run: first the referrals whose person now goes elsewhere (cancellation to the old
     * receiver, the referral to the new one), then the news of recorded releases, then every handoff
     * whose day has come; returns how many messages went into the outbox.
     */
    public int handOverAllDue(LocalDate today) {
        return followMoves(null) + announceReleases(null) + sendNewerMedicalParts(null) + handOver(today, null, null);
    }

    /** Hands over this one referral if its day has come (and it is not handed over yet); true if it went into the outbox. */
    public boolean handOverIfDue(String referralId, LocalDate today) {
        return handOver(today, null, referralId) > 0;
    }

    /** The same as the periodic run, for one person whose release or medical part changed. */
    public int personChanged(String personId, LocalDate today) {
        return followMoves(personId) + announceReleases(personId) + sendNewerMedicalParts(personId)
                + handOver(today, personId, null);
    }

    /** Sends a receiver that already has the handoff the medical part that came after it. */
    private int sendNewerMedicalParts(String personId) {
        int sent = 0;
        for (var due : handoffs.newerMedicalPart(personId)) {
            var edition = new HandoffFacts.Edition(HandoffFacts.MessageKind.NEW_MEDICAL_PART, due.occasion(), null);
            if (send(due, edition, ZonedDateTime.now())) {
                sent++;
            }
        }
        return sent;
    }

    private int handOver(LocalDate today, String personId, String referralId) {
        int sent = 0;
        for (var due : handoffs.due(today, properties.daysByConditionName(), properties.daysBeforeRelease(),
                personId, referralId)) {
            if (send(due, HandoffFacts.Edition.handoff(), ZonedDateTime.now())) {
                sent++;
            }
        }
        return sent;
    }

    /** Tells each receiver that already has the handoff the day the person actually walked out. */
    private int announceReleases(String personId) {
        int sent = 0;
        for (var due : handoffs.releasedSince(personId)) {
            var edition = new HandoffFacts.Edition(HandoffFacts.MessageKind.RELEASED, due.occasion(), null);
            if (send(due, edition, ZonedDateTime.now())) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * The person goes elsewhere: the old receiver gets a cancellation (if it had the handoff) and its
     * duty ends, in one transaction; then the referral goes to whoever takes over at the new
     * destination, which is handed over by the next step. A crash between the two is repaired by the
     * next run: the cancellation is not sent twice, the referral is moved then.
     */
    private int followMoves(String personId) {
        int sent = 0;
        for (var moved : handoffs.moved(personId)) {
            var referral = moved.referral();
            if (moved.takesOver() == null) {
                log.warn("E3 referral {}: the person now goes to {}, where no health organisation takes it over in the"
                        + " reference data; it stays with {}", referral.referralId(), referral.destination(),
                        referral.receiver().code());
                continue;
            }
            String why = "the person's destination changed from " + moved.previous() + " to " + referral.destination();
            if (moved.handoffId() != null) {
                var edition = new HandoffFacts.Edition(HandoffFacts.MessageKind.CANCELLED, null, why);
                var cancellation = new HandoffRepository.Due(referral.referralId(), referral.personId(), null,
                        referral.walksOut(), referral.person(), referral.sender(), referral.receiver(), referral.region(),
                        null, null, List.of(), null, referral.destination(), null);
                if (!send(cancellation, edition, ZonedDateTime.now(), moved.handoffId(), moved.obligationId())
                        && !handoffs.sent(facts(cancellation, edition, ZonedDateTime.now()).messageId())) {
                    continue;
                }
                sent++;
            }
            referrals.reroute(referral.referralId(), referral.receiver().code(), moved.takesOver(), referral.destination(),
                    why + ": " + moved.takesOver() + " takes over from " + referral.receiver().code(), SCHEDULE_CALLER);
        }
        return sent;
    }

    private HandoffFacts facts(HandoffRepository.Due due, HandoffFacts.Edition edition, ZonedDateTime now) {
        return new HandoffFacts(due.referralId(), due.person(), due.sender(), due.receiver(), due.reason(),
                due.walksOut(), due.conditions() == null ? List.of() : json.readValue(due.conditions(), CONDITIONS),
                due.medications() == null ? List.of() : json.readValue(due.medications(), MEDICATIONS), due.allergies(),
                now, due.disabilityGroup() == null ? null : DisabilityGroup.valueOf(due.disabilityGroup()), edition);
    }

    boolean send(HandoffRepository.Due due, HandoffFacts.Edition edition, ZonedDateTime now) {
        return send(due, edition, now, null, null);
    }

    private boolean send(HandoffRepository.Due due, HandoffFacts.Edition edition, ZonedDateTime now,
                         String cancelledHandoff, String cancelledObligation) {
        return enqueue(facts(due, edition, now), due.personId(), due.region(), due.destination(), cancelledHandoff,
                cancelledObligation);
    }

    /** Validates the handoff's bundle and, if valid, commits it with its acknowledgement duty. */
    boolean enqueue(HandoffFacts facts, String personId, String region) {
        return enqueue(facts, personId, region, null, null, null);
    }

    /**
     * Validates the message's bundle and, if valid, commits it in one transaction with what it
     * changes: a handoff opens the receiver's duty to acknowledge it; a cancellation ends the old
     * handoff and its duty. False if invalid, or if another run sent the same message first.
     */
    private boolean enqueue(HandoffFacts facts, String personId, String region, String destination,
                            String cancelledHandoff, String cancelledObligation) {
        var kind = facts.edition().kind();
        Bundle bundle = bundles.build(facts);
        List<String> errors = fhir.errors(bundle);
        if (!errors.isEmpty()) {
            log.error("E3 {} {} of referral {} is not valid FHIR R4 and was not sent: {}", kind, facts.messageId(),
                    facts.referralId(), errors);
            handoffs.recordInvalid(new HandoffRepository.Recorded(facts.messageId(), facts.referralId(), kind, "INVALID",
                    errors, facts.receiver().code(), null, null, facts.edition().occasion(), null));
            return false;
        }
        String payload = FhirSetup.json().encodeResourceToString(bundle);
        // one duty per receiver: a receiver that takes over after a move owes its own acknowledgement
        String obligationId = kind == HandoffFacts.MessageKind.HANDOFF
                ? facts.referralId() + "/E3/" + facts.receiver().code() : null;
        // the outbox message does not fulfil the duty: delivery is not acknowledgement
        var message = new NewOutboundMessage(EXCHANGE, facts.receiver().code(), personId, null, payload,
                SCHEDULE_END_USER, SCHEDULE_PURPOSE, SCHEDULE_END_USER);
        LocalDate dueOn = facts.createdAt().toLocalDate().plusDays(properties.acknowledgementDays());
        boolean sent;
        try (var session = driver.session()) {
            sent = session.executeWrite(tx -> {
                if (!handoffs.claim(tx, facts.referralId(), facts.messageId())) {
                    return false;
                }
                String outboundId = outbox.enqueue(tx, message);
                if (obligationId != null) {
                    obligations.open(tx, obligationId, ObligationKind.E3_HANDOFF_ACKNOWLEDGEMENT, personId,
                            facts.receiver().code(), region, dueOn);
                }
                if (cancelledHandoff != null) {
                    handoffs.cancel(tx, cancelledHandoff);
                }
                if (cancelledObligation != null) {
                    obligations.cancel(tx, cancelledObligation);
                }
                handoffs.record(tx, new HandoffRepository.Recorded(facts.messageId(), facts.referralId(), kind, "SENT",
                        List.of(), facts.receiver().code(), obligationId, outboundId, facts.edition().occasion(),
                        destination));
                return true;
            });
        }
        if (!sent) {
            return false;
        }
        log.info("E3 {} {} of referral {} to {} put in the outbox", kind, facts.messageId(), facts.referralId(),
                facts.receiver().code());
        return true;
    }
}
