package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import kz.reentry.hub.support.StandInReceivers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import tools.jackson.databind.JsonNode;

/**
 * E3 in, beyond the first medical part (MedicalPartIT): the disability group carried into the handoff,
 * the broker receipt naming E3, a medical part that comes after the handoff left, the GraphQL read, and
 * a rejected medical part replayed after correction. Against the stand-in FHIR server (a HAPI
 * RestfulServer validating what it gets) and the stand-in receiver of the penal system's receipts.
 */
class MedicalPartFollowUpIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    @Autowired
    HealthHandoffs handoffs;

    @Autowired
    MedicalParts medicalParts;

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("the disability group comes in as an Observation, is readable by health care in GraphQL, and the handoff carries it as one the receiver validates")
    void disabilityGroupTravelsWithTheHandoff() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        String person = filed(record);
        String part = UUID.randomUUID().toString();
        var accepted = post(MedicalPartMessages.withDisabilityGroup(part, record.iin(), "A15.0", "TUBERCULOSIS", "II"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.body().path("newerThanHandoff").asBoolean(true)).isFalse();

        var read = graphQl("kuis-demo").documentName("medicalParts").variable("id", person).executeSync();
        assertThat(read.getErrors()).isEmpty();
        assertThat(read.field("personById.medicalParts").toEntityList(Map.class)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("id", part).containsEntry("disabilityGroup", "II").containsEntry("newerThanHandoff", false));

        Bundle bundle = handedOver(person, "KZ-UZ-75");
        assertThat(resources(bundle, Observation.class)).singleElement().satisfies(o -> {
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo(E3Profile.OBSERVATION_SYSTEM);
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("disability-group");
            assertThat(o.getValueCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(E3Profile.DISABILITY_GROUP_SYSTEM);
            assertThat(o.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("II");
            assertThat(o.getSubject().getReference()).isEqualTo(bundle.getEntry().stream()
                    .filter(e -> e.getResource().fhirType().equals("Patient")).findFirst().orElseThrow().getFullUrl());
        });
    }

    @Test
    @DisplayName("a disability group that is not I, II or III is refused with e3.disability and dead-lettered")
    void unknownDisabilityGroup() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        filed(record);
        var refused = post(MedicalPartMessages.withDisabilityGroup(UUID.randomUUID().toString(), record.iin(), "A15.0",
                "TUBERCULOSIS", "IV"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path(0).path("rule").asString()).isEqualTo("e3.disability");
        assertThat(count("MATCH (d:DeadLetter {id: $id, exchange: 'E3'}) RETURN count(d)",
                Map.of("id", refused.body().path("deadLetterId").asString()))).isEqualTo(1);
    }

    @Test
    @DisplayName("a medical part on the broker is answered by a receipt that names E3, accepted or rejected, never E5")
    void brokerReceiptsNameE3() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        filed(record);
        String good = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        jms.convertAndSend("e3.medical-records", MedicalPartIT.medicalPart(good, record.iin(), "B20", "HIV"));
        jms.convertAndSend("e3.medical-records", MedicalPartIT.medicalPart(bad, record.iin(), "B20", "NOT_A_CATEGORY"));

        JsonNode accepted = receipt(good);
        JsonNode rejected = receipt(bad);
        assertThat(accepted.path("receipt").asString()).isEqualTo("E3 broker message");
        assertThat(accepted.path("outcome").path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(rejected.path("receipt").asString()).isEqualTo("E3 broker message");
        assertThat(rejected.path("outcome").path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("outcome").path("errors").toString()).contains("e3.category");
        assertThat(rejected.path("outcome").path("deadLetterId").asString(null)).isNotNull();
    }

    @Test
    @DisplayName("a medical part that comes after the handoff left is kept and marked newer than it; the earlier one is not")
    void medicalPartAfterTheHandoffLeft() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        String person = filed(record);
        String first = UUID.randomUUID().toString();
        assertThat(post(MedicalPartIT.medicalPart(first, record.iin(), "F11.2", "DRUG_DEPENDENCE")).status()).isEqualTo(200);
        String referral = handedOverReferral(person, "KZ-UZ-71");
        String handoff = handoffOf(referral);
        assertThat(medicalParts.newerThan(handoff)).isEmpty();

        String later = UUID.randomUUID().toString();
        var reply = post(MedicalPartMessages.withDisabilityGroup(later, record.iin(), "F11.2", "DRUG_DEPENDENCE", "III"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("newerThanHandoff").asBoolean(false)).isTrue();

        assertThat(medicalParts.newerThan(handoff)).contains(later);
        var parts = graphQl("kuis-demo").documentName("medicalParts").variable("id", person).executeSync()
                .field("personById.medicalParts").toEntityList(Map.class);
        assertThat(parts).extracting(p -> p.get("id"), p -> p.get("newerThanHandoff"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(later, true), org.assertj.core.groups.Tuple.tuple(first, false));
    }

    @Test
    @DisplayName("a rejected medical part replayed with a corrected payload is filed for its person, and the handoff carries the corrected condition")
    void replayedAfterCorrection() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        String person = filed(record);
        String messageId = UUID.randomUUID().toString();
        var rejected = post(MedicalPartIT.medicalPart(messageId, record.iin(), "A15.0", "TB"));
        assertThat(rejected.status()).isEqualTo(400);
        String deadLetter = rejected.body().path("deadLetterId").asString();

        String corrected = MedicalPartMessages.withDisabilityGroup(messageId, record.iin(), "A15.0", "TUBERCULOSIS", "I");
        var replay = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetter)
                .variable("correctedPayload", corrected).executeSync();
        assertThat(replay.getErrors()).isEmpty();
        assertThat((Object) replay.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        assertThat((Object) replay.field("replayDeadLetter.deadLetter.status").getValue()).isEqualTo("REPLAYED");
        assertThat((Object) replay.field("replayDeadLetter.person.iin").getValue()).isEqualTo(record.iin());
        assertThat(count("MATCH (m:InboundMessage {messageId: $id, exchange: 'E3', channel: 'replay'}) RETURN count(m)",
                Map.of("id", messageId))).isEqualTo(1);

        Bundle bundle = handedOver(person, "KZ-UZ-75");
        assertThat(resources(bundle, Condition.class)).singleElement().satisfies(c -> {
            assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("A15.0");
            assertThat(c.getCategory()).anySatisfy(category -> assertThat(category.getCodingFirstRep().getCode())
                    .isEqualTo("TUBERCULOSIS"));
        });
        assertThat(resources(bundle, Observation.class)).singleElement()
                .satisfies(o -> assertThat(o.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("I"));
    }

    // --- helpers

    /** Opens a HEALTH referral, hands it over at once and returns the bundle the receiver got and validated. */
    private Bundle handedOver(String person, String receiver) {
        String messageId = handoffOf(handedOverReferral(person, receiver));
        await().atMost(Duration.ofSeconds(30)).until(() -> HEALTH.applied(messageId).isPresent());
        var received = HEALTH.applied(messageId).orElseThrow();
        assertThat(received.validationErrors()).isEmpty();
        return FhirSetup.json().parseResource(Bundle.class, received.json());
    }

    private String handedOverReferral(String person, String receiver) {
        String referral = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "to", receiver, "reason", "Продолжение лечения")).executeSync().field("openReferral.id").getValue();
        handoffs.handOverIfDue(referral, LocalDate.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) WHERE h.status <> 'INVALID' RETURN count(h)",
                Map.of("id", referral)) == 1);
        return referral;
    }

    private String handoffOf(String referral) {
        return driver.executableQuery("MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) RETURN h.id")
                .withParameters(Map.of("id", referral)).execute().records().getFirst().get(0).asString();
    }

    private static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The receipt the penal system's receiver got for the broker message with this MessageHeader.id. */
    private static JsonNode receipt(String messageId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> StandInReceivers.INSTANCE.receiver("kuis").applied().stream()
                .map(StandInReceivers.Received::content)
                .filter(c -> messageId.equals(c.path("outcome").path("messageId").asString(null))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private Reply post(String body) {
        return MedicalPartMessages.post(http, tokenFor("kuis-demo"), body);
    }
}
