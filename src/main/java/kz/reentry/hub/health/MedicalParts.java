package kz.reentry.hub.health;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.FilingReceipt;
import kz.reentry.hub.exchange.InboundMessageLog;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.graph.Cypher;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * E3 in: the medical part of a person's release preparation from the penal medical service, a FHIR
 * message Bundle (event e3-event#medical-part) with the Patient (IIN), Conditions (ICD-10, with the
 * e3 condition category), MedicationStatements and AllergyIntolerances. The steps of
 * camel-routes/e3-medical-data.camel.yaml: {@link #read} validates it against R4 and the profile
 * (a message that breaks a rule is rejected with every issue and dead-lettered, like E5);
 * {@link #file} keeps it with the person, once per MessageHeader.id. The next handoff of that
 * person carries it; one that arrives after a handoff left is marked newer than it ({@link #newerThan}).
 */
@Component("medicalParts")
public class MedicalParts {

    public static final String EVENT = "medical-part";

    private static final Logger log = LoggerFactory.getLogger(MedicalParts.class);

    private static final String PERSON_BY_IIN = "MATCH (p:Person {iin: $iin}) RETURN p.id AS id";
    /**
     * Keeps the medical part with the person and marks it newer than every handoff of the person that
     * has already left (its bundle fixed in the outbox): that handoff carried an older part, or none.
     */
    private static final String KEEP = """
            MATCH (p:Person {id: $personId})
            MERGE (m:MedicalPart {id: $messageId})
            ON CREATE SET m.receivedAt = $now, m.conditions = $conditions, m.medications = $medications,
                          m.allergies = $allergies, m.author = $author, m.disabilityGroup = $disabilityGroup
            MERGE (m)-[:ABOUT]->(p)
            WITH m, p
            OPTIONAL MATCH (p)-[:REFERRED]->(:Referral {kind: 'HEALTH'})<-[:HANDS_OVER]-(h:HealthHandoff)
            WHERE h.status <> 'INVALID'
            WITH m, collect(DISTINCT h) AS left
            FOREACH (h IN left | MERGE (m)-[:NEWER_THAN]->(h))
            SET m.newerThanHandoff = size(left) > 0
            RETURN size(left) > 0 AS newer
            """;
    private static final String NEWER_THAN = """
            MATCH (m:MedicalPart)-[:NEWER_THAN]->(:HealthHandoff {id: $handoff})
            RETURN m.id AS id
            ORDER BY m.receivedAt DESC
            LIMIT 1
            """;

    private final FhirSetup fhir;
    private final Driver driver;
    private final InboundMessageLog inbound;
    private final JsonMapper json;
    private final HealthHandoffs handoffs;
    private final DisclosureJournal disclosures;
    private final MessageTraces traces;

    MedicalParts(FhirSetup fhir, Driver driver, InboundMessageLog inbound, JsonMapper json, DisclosureJournal disclosures,
                 HealthHandoffs handoffs, MessageTraces traces) {
        this.handoffs = handoffs;
        this.traces = traces;
        this.disclosures = disclosures;
        this.fhir = fhir;
        this.driver = driver;
        this.inbound = inbound;
        this.json = json;
    }

    /** The medical facts of one message, as read. */
    public record Read(String messageId, String personId, String iin, String author,
                       List<HandoffFacts.ConditionFact> conditions, List<HandoffFacts.MedicationFact> medications,
                       List<String> allergies, DisabilityGroup disabilityGroup) {
    }

    /**
     * What the sender is told (the HTTP answer, the broker receipt, a replay's result).
     *
     * @param newerThanHandoff true when a handoff of the person had already left: it carried an older
     *                         medical part (or none); the hub keeps this one for the next message
     */
    public record Receipt(String messageId, String personId, String status, boolean newerThanHandoff,
                          @com.fasterxml.jackson.annotation.JsonIgnore String personIin) implements FilingReceipt {

        @Override
        public boolean duplicate() {
            return "DUPLICATE".equals(status);
        }
    }

    /**
     * The latest medical part received after this handoff (by its MessageHeader.id) had left, if any:
     * what an update of that handoff would carry. Empty when the handoff carried the latest one.
     */
    public java.util.Optional<String> newerThan(String handoffMessageId) {
        return driver.executableQuery(NEWER_THAN).withParameters(Map.of("handoff", handoffMessageId))
                .withConfig(Cypher.READ).execute().records().stream().map(r -> r.get("id").asString()).findFirst();
    }

    public void read(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        List<String> issues = body == null || body.isBlank() ? List.of("Bundle: the body is empty") : fhir.errors(body);
        if (!issues.isEmpty()) {
            throw new RecordRejectedException(null, issues.stream().map(MedicalParts::fhirError).toList());
        }
        Bundle bundle = FhirSetup.json().parseResource(Bundle.class, body);
        List<FieldError> errors = new ArrayList<>();
        String messageId = null;
        if (bundle.getType() != Bundle.BundleType.MESSAGE || !(bundle.getEntryFirstRep().getResource() instanceof MessageHeader header)) {
            throw new RecordRejectedException(null, new FieldError("Bundle.type", "e3.message",
                    "a message Bundle whose first entry is its MessageHeader"));
        }
        messageId = header.getIdElement().getIdPart().replaceFirst("^urn:uuid:", "");
        if (!E3Profile.EVENT_SYSTEM.equals(header.getEventCoding().getSystem()) || !EVENT.equals(header.getEventCoding().getCode())) {
            errors.add(new FieldError("MessageHeader.eventCoding", "e3.event",
                    "the medical part is the event " + E3Profile.EVENT_SYSTEM + "#" + EVENT));
        }
        var resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        String iin = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .flatMap(p -> p.getIdentifier().stream()).filter(i -> E3Profile.IIN_SYSTEM.equals(i.getSystem()))
                .map(i -> i.getValue()).findFirst().orElse(null);
        String personId = null;
        if (iin == null) {
            errors.add(new FieldError("Patient.identifier", "required", "the Patient's IIN under " + E3Profile.IIN_SYSTEM));
        } else {
            var rows = driver.executableQuery(PERSON_BY_IIN).withParameters(Map.of("iin", iin)).withConfig(Cypher.READ)
                    .execute().records();
            if (rows.isEmpty()) {
                errors.add(new FieldError("Patient.identifier", "person.unknown",
                        "no person with this IIN is known to the hub: send the release record (E5) first"));
            } else {
                personId = rows.getFirst().get("id").asString();
            }
        }
        List<HandoffFacts.ConditionFact> conditions = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource instanceof Condition condition) {
                var icd = condition.getCode().getCoding().stream().filter(c -> E3Profile.ICD10.equals(c.getSystem())).findFirst();
                var category = condition.getCategory().stream().flatMap(c -> c.getCoding().stream())
                        .filter(c -> E3Profile.CATEGORY_SYSTEM.equals(c.getSystem())).findFirst();
                if (icd.isEmpty()) {
                    errors.add(new FieldError("Condition.code", "e3.icd10", "each Condition is coded in ICD-10 (" + E3Profile.ICD10 + ")"));
                    continue;
                }
                ConditionCategory kind = ConditionCategory.OTHER_SERIOUS;
                if (category.isPresent()) {
                    try {
                        kind = ConditionCategory.valueOf(category.get().getCode());
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("Condition.category", "e3.category", "not one of "
                                + java.util.Arrays.toString(ConditionCategory.values())));
                    }
                }
                conditions.add(new HandoffFacts.ConditionFact(kind, icd.get().getCode(), icd.get().getDisplay()));
            }
        }
        List<HandoffFacts.MedicationFact> medications = resources.stream().filter(MedicationStatement.class::isInstance)
                .map(MedicationStatement.class::cast)
                .map(m -> new HandoffFacts.MedicationFact(m.getMedicationCodeableConcept().getText(),
                        m.hasDosage() ? m.getDosageFirstRep().getText() : null,
                        m.hasEffectivePeriod() && m.getEffectivePeriod().hasEnd()
                                ? ZonedDateTime.ofInstant(m.getEffectivePeriod().getEnd().toInstant(), ZoneId.of("Asia/Almaty")) : null))
                .toList();
        List<String> allergies = resources.stream().filter(AllergyIntolerance.class::isInstance)
                .map(a -> ((AllergyIntolerance) a).getCode().getText()).toList();
        DisabilityGroup disabilityGroup = disabilityGroup(resources, errors);
        if (conditions.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("Condition", "required", "the medical part names at least one condition"));
        }
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(messageId, errors);
        }
        String author = header.hasSender() ? header.getSender().getDisplay() : null;
        exchange.getMessage().setBody(new Read(messageId, personId, iin, author, conditions, medications, allergies,
                disabilityGroup));
    }

    /**
     * The disability group: an Observation coded e3-observation#disability-group whose value is a
     * disability-group code (I, II, III); at most one. Other Observations are not part of the profile
     * and are left alone.
     */
    private static DisabilityGroup disabilityGroup(List<Resource> resources, List<FieldError> errors) {
        List<Observation> groups = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> E3Profile.OBSERVATION_SYSTEM.equals(c.getSystem())
                        && E3Profile.OBSERVATION_DISABILITY_GROUP.equals(c.getCode())))
                .toList();
        if (groups.isEmpty()) {
            return null;
        }
        if (groups.size() > 1) {
            errors.add(new FieldError("Observation", "e3.disability", "at most one disability group"));
            return null;
        }
        var value = groups.getFirst().hasValueCodeableConcept() ? groups.getFirst().getValueCodeableConcept().getCoding().stream()
                .filter(c -> E3Profile.DISABILITY_GROUP_SYSTEM.equals(c.getSystem())).findFirst() : java.util.Optional.<Coding>empty();
        try {
            return DisabilityGroup.valueOf(value.orElseThrow().getCode());
        } catch (RuntimeException e) {
            errors.add(new FieldError("Observation.valueCodeableConcept", "e3.disability", "the disability group is a code of "
                    + E3Profile.DISABILITY_GROUP_SYSTEM + ": one of " + java.util.Arrays.toString(DisabilityGroup.values())));
            return null;
        }
    }

    public void file(Exchange exchange) {
        Read read = exchange.getMessage().getBody(Read.class);
        var context = IntakeContext.of(exchange);
        String received = context.payload();
        String recordHash = Sha256.hex(json.writeValueAsString(read));
        Receipt receipt;
        try (var session = driver.session()) {
            receipt = session.executeWrite(tx -> {
                if (inbound.earlier(tx, read.messageId()).isPresent()) {
                    inbound.recordDuplicate(tx, read.messageId(), context.channel(), context.sender(), ZonedDateTime.now());
                    return new Receipt(read.messageId(), read.personId(), "DUPLICATE", false, read.iin());
                }
                boolean newer = tx.run(KEEP, Cypher.params("personId", read.personId(), "messageId", read.messageId(),
                        "now", ZonedDateTime.now(), "conditions", json.writeValueAsString(read.conditions()),
                        "medications", json.writeValueAsString(read.medications()),
                        "allergies", read.allergies(), "author", read.author(),
                        "disabilityGroup", read.disabilityGroup() == null ? null : read.disabilityGroup().name()))
                        .single().get("newer").asBoolean();
                inbound.recordAccepted(tx, new InboundMessageLog.Accepted(read.messageId(), "E3", context.channel(),
                        context.sender(), read.personId(), Sha256.hex(received == null ? "" : received), recordHash,
                        null, null, null), ZonedDateTime.now());
                return new Receipt(read.messageId(), read.personId(), "ACCEPTED", newer, read.iin());
            });
            if (receipt.newerThanHandoff()) {
                sendToReceivers(read.personId());
            }
            if (!receipt.duplicate()) {
                disclosures.append(DisclosureEntry.by(context.actingClient(), context.actingAgency())
                        .forWhom(context.endUser(), context.purpose()).operation("E3 medical part " + context.channel())
                        .persons(List.of(read.personId())).fields(List.of("MedicalPart.conditions",
                                "MedicalPart.medications", "MedicalPart.allergies", "MedicalPart.disabilityGroup"))
                        .outcome(DisclosureEntry.Outcome.WRITTEN));
            }
        }
        exchange.getMessage().setHeader(IntakeHeaders.EXCHANGE, "E3");
        exchange.getMessage().setBody(receipt);
    }

    /**
     * A receiver that already has the handoff gets the newer part at once, after this commit and off
     * the sender's thread; best effort: the periodic run sends it if this hub stops first.
     */
    private void sendToReceivers(String personId) {
        // in the trace of the medical part's intake, so the delivery of what it sends is too
        Thread.ofVirtual().name("e3-newer-medical-part-" + personId).start(traces.carried("E3 after a newer medical part", () -> {
            try {
                handoffs.personChanged(personId, LocalDate.now());
            } catch (RuntimeException e) {
                log.warn("E3 newer medical part of person {} not sent now ({}); the periodic run will", personId,
                        e.getMessage());
            }
        }));
    }

    private static FieldError fhirError(String issue) {
        int colon = issue.indexOf(": ");
        return colon < 0 ? new FieldError("Bundle", "fhir.r4", issue)
                : new FieldError(issue.substring(0, colon), "fhir.r4", issue.substring(colon + 2));
    }
}
