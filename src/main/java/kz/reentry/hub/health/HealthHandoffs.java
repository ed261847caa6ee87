package kz.reentry.hub.health;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import org.hl7.fhir.r4.model.Bundle;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * E3 out (decree 912 item 13): a HEALTH referral is handed over to the health organisation it names
 * as a FHIR message Bundle, {@code daysBeforeRelease} before the person walks out. The bundle is
 * built and validated first; a valid one goes into the outbox together with the handoff and the
 * receiver's duty to acknowledge it, in one transaction; an invalid one is recorded as INVALID with
 * the validator's errors (and logged), never enqueued, and tried again on the next run.
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

    private static final TypeReference<List<HandoffFacts.ConditionFact>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<HandoffFacts.MedicationFact>> MEDICATIONS = new TypeReference<>() {
    };

    HealthHandoffs(Driver driver, HandoffRepository handoffs, HandoffBundles bundles, FhirSetup fhir, Outbox outbox,
                   ObligationRepository obligations, HealthProperties properties, JsonMapper json) {
        this.json = json;
        this.driver = driver;
        this.handoffs = handoffs;
        this.bundles = bundles;
        this.fhir = fhir;
        this.outbox = outbox;
        this.obligations = obligations;
        this.properties = properties;
    }

    /** Hands over every referral whose day has come; returns how many went into the outbox. */
    public int handOverAllDue(LocalDate today) {
        return handOver(today, null);
    }

    /** Hands over this one referral if its day has come (and it is not handed over yet); true if it went into the outbox. */
    public boolean handOverIfDue(String referralId, LocalDate today) {
        return handOver(today, referralId) > 0;
    }

    private int handOver(LocalDate today, String referralId) {
        int sent = 0;
        for (var due : handoffs.due(today.plusDays(properties.daysBeforeRelease()), referralId)) {
            if (handOver(due, ZonedDateTime.now())) {
                sent++;
            }
        }
        return sent;
    }

    boolean handOver(HandoffRepository.Due due, ZonedDateTime now) {
        var facts = new HandoffFacts(due.referralId(), due.person(), due.sender(), due.receiver(), due.reason(),
                due.walksOut(), due.conditions() == null ? List.of() : json.readValue(due.conditions(), CONDITIONS),
                due.medications() == null ? List.of() : json.readValue(due.medications(), MEDICATIONS), due.allergies(), now,
                due.disabilityGroup() == null ? null : DisabilityGroup.valueOf(due.disabilityGroup()));
        return enqueue(facts, due.personId(), due.region());
    }

    /**
     * Validates the handoff's bundle and, if valid, commits it with its acknowledgement duty; false if
     * invalid, or if another run handed the referral over first.
     */
    boolean enqueue(HandoffFacts facts, String personId, String region) {
        Bundle bundle = bundles.build(facts);
        List<String> errors = fhir.errors(bundle);
        if (!errors.isEmpty()) {
            log.error("E3 handoff {} of referral {} is not valid FHIR R4 and was not sent: {}", facts.messageId(),
                    facts.referralId(), errors);
            handoffs.recordInvalid(facts.messageId(), facts.referralId(), facts.receiver().code(), errors);
            return false;
        }
        String payload = FhirSetup.json().encodeResourceToString(bundle);
        String obligationId = facts.referralId() + "/E3";
        // the outbox message does not fulfil the duty: delivery is not acknowledgement
        var message = new NewOutboundMessage(EXCHANGE, facts.receiver().code(), personId, null, payload,
                SCHEDULE_END_USER, SCHEDULE_PURPOSE, SCHEDULE_END_USER);
        LocalDate dueOn = facts.createdAt().toLocalDate().plusDays(properties.acknowledgementDays());
        boolean sent;
        try (var session = driver.session()) {
            sent = session.executeWrite(tx -> {
                if (!handoffs.claim(tx, facts.referralId())) {
                    return false;
                }
                String outboundId = outbox.enqueue(tx, message);
                obligations.open(tx, obligationId, ObligationKind.E3_HANDOFF_ACKNOWLEDGEMENT, personId,
                        facts.receiver().code(), region, dueOn);
                handoffs.record(tx, facts.messageId(), facts.referralId(), "SENT", List.of(), facts.receiver().code(),
                        obligationId, outboundId);
                return true;
            });
        }
        if (!sent) {
            return false;
        }
        log.info("E3 handoff {} of referral {} to {} put in the outbox", facts.messageId(), facts.referralId(),
                facts.receiver().code());
        return true;
    }
}
