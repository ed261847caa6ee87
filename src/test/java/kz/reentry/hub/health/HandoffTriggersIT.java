package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.jms.core.JmsTemplate;

/**
 * When E3 messages leave and to whom: the receiver chosen from reference data by destination and
 * condition, the days before release per condition, the news of a recorded release, and a change of
 * destination (a cancellation to the old receiver, the handoff to the new one), each checked on
 * what a real FHIR server (StandInHealthOrganisation) received.
 */
class HandoffTriggersIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    HealthHandoffs handoffs;

    @Autowired
    JmsTemplate jms;

    @ParameterizedTest(name = "{0} in Almaty goes to {1}")
    @CsvSource({"TUBERCULOSIS, KZ-TB-75", "HIV, KZ-AIDS-75", "DRUG_DEPENDENCE, KZ-CPZ-75", "MENTAL_DISORDER, KZ-CPZ-75",
            "VIRAL_HEPATITIS, KZ-UZ-75", "OTHER_SERIOUS, KZ-UZ-75", "'', KZ-UZ-75"})
    @DisplayName("a HEALTH referral without a receiver goes to the organisation of the destination that takes over its condition")
    void receiverFromReferenceData(String condition, String receiver) {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(200)));
        var reply = open(person, condition.isEmpty() ? null : condition);
        assertThat(reply.getErrors()).isEmpty();
        assertThat((Object) reply.field("openReferral.to.code").getValue()).isEqualTo(receiver);
        assertThat((Object) reply.field("openReferral.condition").getValue()).isEqualTo(condition.isEmpty() ? null : condition);
    }

    @Test
    @DisplayName("a condition category on a referral that is not HEALTH is refused in the caller's terms, as is an NGO case opened as a referral")
    void conditionOnlyForHealth() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(200)));
        var withCondition = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "condition", "HIV", "reason", "Трудоустройство")).executeSync();
        assertBadRequest(withCondition, "input.condition", "referral.condition");
        var withoutReceiver = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "NGO_CASE", "reason", "Сопровождение")).executeSync();
        assertBadRequest(withoutReceiver, "input.kind", "referral.ngoCase");
    }

    @Test
    @DisplayName("drug dependence is handed over 45 days before release (configured per condition), tuberculosis 30 days before")
    void daysPerCondition() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(40)));
        String substitution = open(person, "DRUG_DEPENDENCE").field("openReferral.id").getValue();
        String tuberculosis = open(person, "TUBERCULOSIS").field("openReferral.id").getValue();

        // 40 days left: inside drug dependence's 45, handed over at once by the opening itself
        await().atMost(PATIENCE).until(() -> handoffsOf(substitution) == 1);
        assertThat(handoffs.handOverIfDue(tuberculosis, LocalDate.now())).isFalse();
        assertThat(handoffsOf(tuberculosis)).isZero();
        assertThat(handoffs.handOverIfDue(tuberculosis, LocalDate.now().plusDays(10))).isTrue();
    }

    @Test
    @DisplayName("when the release is recorded, the receiver that already has the handoff is told the day the person walked out, once")
    void releaseRecordedIsAnnounced() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
        String person = filedWithMedicalPart(record);
        String referral = open(person, "TUBERCULOSIS").field("openReferral.id").getValue();
        await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_HANDOFF).size() == 1);

        LocalDate walkedOut = LocalDate.now().minusDays(1);
        var released = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", walkedOut.toString(), "type", "PAROLE", "destinationRegion", "KZ-75", "sourceSystem", "KUIS")).executeSync();
        assertThat(released.getErrors()).isEmpty();

        var news = await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_RELEASED),
                found -> found.size() == 1).getFirst();
        ServiceRequest followUp = resource(news, ServiceRequest.class);
        assertThat(followUp.getOccurrencePeriod().getStartElement().getValueAsString()).isEqualTo(walkedOut.toString());
        assertThat(resources(news, Task.class)).as("the receiver owns the Task; the news does not reset it").isEmpty();
        assertThat(resources(news, Condition.class)).isNotEmpty().allSatisfy(c ->
                assertThat(c.getCode().getCodingFirstRep().getSystem()).isEqualTo(E3Profile.ICD10));

        // the periodic run finds nothing more to say
        handoffs.handOverAllDue(LocalDate.now());
        assertThat(received(referral, "KZ-TB-75", E3Profile.EVENT_RELEASED)).hasSize(1);
        assertThat(received(referral, "KZ-TB-75", E3Profile.EVENT_HANDOFF)).hasSize(1);
    }

    @Test
    @DisplayName("a medical part that comes after the handoff left is sent to the receiver that has it, once, without resetting its Task")
    void newerMedicalPartIsSent() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
        String person = filedWithMedicalPart(record);
        String referral = open(person, "TUBERCULOSIS").field("openReferral.id").getValue();
        await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_HANDOFF).size() == 1);

        String newer = UUID.randomUUID().toString();
        jms.convertAndSend("e3.medical-records", MedicalPartIT.medicalPart(newer, record.iin(), "A15.1", "TUBERCULOSIS"));

        var update = await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_NEW_MEDICAL_PART),
                found -> found.size() == 1).getFirst();
        assertThat(resources(update, Condition.class)).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                .containsExactly("A15.1");
        assertThat(resources(update, Task.class)).isEmpty();
        handoffs.handOverAllDue(LocalDate.now());
        assertThat(received(referral, "KZ-TB-75", E3Profile.EVENT_NEW_MEDICAL_PART)).hasSize(1);
    }

    @Test
    @DisplayName("a corrected residence in another region cancels the handoff at the old TB dispensary and hands the person over to the new one")
    void destinationChangeCancelsAndHandsOverAgain() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
        String person = filedWithMedicalPart(record);
        String referral = open(person, "TUBERCULOSIS").field("openReferral.id").getValue();
        await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_HANDOFF).size() == 1);
        await().atMost(PATIENCE).until(() -> "MET".equals(obligation(referral + "/E3/KZ-TB-75")));

        filed(record.newMessage().set("release.residenceRegion", "KZ-71"));

        var cancellation = await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-75", E3Profile.EVENT_CANCELLED),
                found -> found.size() == 1).getFirst();
        Task cancelled = resource(cancellation, Task.class);
        assertThat(cancelled.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
        assertThat(cancelled.getStatusReason().getText()).contains("KZ-71");
        assertThat(resources(cancellation, Condition.class)).as("nothing clinical to a receiver that no longer treats").isEmpty();

        var handoff = await().atMost(PATIENCE).until(() -> received(referral, "KZ-TB-71", E3Profile.EVENT_HANDOFF),
                found -> found.size() == 1).getFirst();
        assertThat(resources(handoff, Condition.class)).isNotEmpty();
        assertThat(header(handoff).getIdElement().getIdPart()).isNotEqualTo(header(cancellation).getIdElement().getIdPart());

        assertThat(single("MATCH (:Referral {id: $id})-[:TO]->(p:Party) RETURN p.code", Map.of("id", referral)))
                .isEqualTo("KZ-TB-71");
        assertThat(obligation(referral + "/E3/KZ-TB-75")).as("the old receiver's duty").isEqualTo("MET");
        await().atMost(PATIENCE).until(() -> "MET".equals(obligation(referral + "/E3/KZ-TB-71")));

        // the periodic run sends nothing twice
        handoffs.handOverAllDue(LocalDate.now());
        assertThat(received(referral, "KZ-TB-75", E3Profile.EVENT_CANCELLED)).hasSize(1);
        assertThat(received(referral, "KZ-TB-71", E3Profile.EVENT_HANDOFF)).hasSize(1);
    }

    @Test
    @DisplayName("a move before the acknowledgement came cancels the old receiver's open duty with the handoff")
    void moveCancelsAnOpenDuty() {
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        try {
            var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
            String person = filed(record);
            String referral = open(person, null).field("openReferral.id").getValue();
            await().atMost(PATIENCE).until(() -> received(referral, "KZ-UZ-75", E3Profile.EVENT_HANDOFF).size() == 1);
            assertThat(obligation(referral + "/E3/KZ-UZ-75")).isEqualTo("OPEN");

            filed(record.newMessage().set("release.residenceRegion", "KZ-71"));

            await().atMost(PATIENCE).until(() -> received(referral, "KZ-UZ-71", E3Profile.EVENT_HANDOFF).size() == 1);
            assertThat(received(referral, "KZ-UZ-75", E3Profile.EVENT_CANCELLED)).hasSize(1);
            assertThat(obligation(referral + "/E3/KZ-UZ-75")).isEqualTo("CANCELLED");
        } finally {
            HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.OK);
        }
    }

    private ClientGraphQlResponse open(String person, String condition) {
        Map<String, Object> input = new HashMap<>(Map.of("personId", person, "kind", "HEALTH",
                "reason", "Продолжение лечения после освобождения"));
        if (condition != null) {
            input.put("condition", condition);
        }
        return graphQl("kuis-demo").documentName("openReferral").variable("input", input).executeSync();
    }

    /** The messages the organisation received about the referral, with this event. */
    private static List<Bundle> received(String referral, String organisation, String event) {
        return HEALTH.applied().stream()
                .map(r -> FhirSetup.json().parseResource(Bundle.class, r.json()))
                .filter(b -> header(b).getEventCoding().getCode().equals(event))
                .filter(b -> header(b).getDestinationFirstRep().getEndpoint().equals(E3Profile.AGENCY_ENDPOINT_PREFIX + organisation))
                .filter(b -> resource(b, ServiceRequest.class).getIdentifierFirstRep().getValue().equals(referral))
                .toList();
    }

    private static MessageHeader header(Bundle bundle) {
        return (MessageHeader) bundle.getEntryFirstRep().getResource();
    }

    private static <T> T resource(Bundle bundle, Class<T> type) {
        return resources(bundle, type).getFirst();
    }

    private static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private long handoffsOf(String referral) {
        return count("""
                MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff {kind: 'HANDOFF'})
                WHERE h.status <> 'INVALID' RETURN count(h)""", Map.of("id", referral));
    }

    /** The person, filed by E5 with the penal medical service's medical part (tuberculosis) kept. */
    private String filedWithMedicalPart(ReleaseRecords record) {
        String person = filed(record);
        String messageId = UUID.randomUUID().toString();
        jms.convertAndSend("e3.medical-records", MedicalPartIT.medicalPart(messageId, record.iin(), "A15.0", "TUBERCULOSIS"));
        await().atMost(PATIENCE).until(() -> count("MATCH (m:MedicalPart {id: $id})-[:ABOUT]->(:Person {id: $person}) RETURN count(m)",
                Map.of("id", messageId, "person", person)) == 1);
        return person;
    }

    private String obligation(String id) {
        return single("MATCH (o:Obligation {id: $id}) RETURN o.status", Map.of("id", id));
    }

    private String single(String cypher, Map<String, Object> parameters) {
        var rows = driver.executableQuery(cypher).withParameters(parameters).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString(null);
    }
}
