package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** E3 in: the medical part from the penal medical service, on HTTP and the broker, and carried by the handoff. */
class MedicalPartIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    @Autowired
    HealthHandoffs handoffs;

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("a medical part posted as a FHIR message is kept once; the handoff then carries its ICD-10 condition, medication and allergy")
    void medicalPartTravelsWithTheHandoff() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
        String person = filed(record);
        String message = medicalPart(UUID.randomUUID().toString(), record.iin(), "F11.2", "DRUG_DEPENDENCE");

        var accepted = post(message);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("status").asString()).isEqualTo("ACCEPTED");
        var again = post(message);
        assertThat(again.body().path("status").asString()).isEqualTo("DUPLICATE");
        assertThat(count("MATCH (m:MedicalPart)-[:ABOUT]->(:Person {id: $id}) RETURN count(m)", Map.of("id", person))).isEqualTo(1);

        String referral = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "to", "KZ-UZ-75", "reason", "Заместительная терапия")).executeSync()
                .field("openReferral.id").getValue();
        // opened within the window, it is handed over at once; asking again finds it done
        handoffs.handOverIfDue(referral, LocalDate.now());
        String messageId = driver.executableQuery("MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) RETURN h.id")
                .withParameters(Map.of("id", referral)).execute().records().getFirst().get(0).asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> HEALTH.applied(messageId).isPresent());
        var received = HEALTH.applied(messageId).orElseThrow();
        assertThat(received.validationErrors()).isEmpty();
        Bundle bundle = FhirSetup.json().parseResource(Bundle.class, received.json());
        var resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        assertThat(resources).filteredOn(Condition.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((Condition) c).getCode().getCodingFirstRep().getCode()).isEqualTo("F11.2"));
        assertThat(resources).filteredOn(MedicationStatement.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((MedicationStatement) m).getDosageFirstRep().getText()).isEqualTo("80 mg daily"));
        assertThat(resources).filteredOn(AllergyIntolerance.class::isInstance).hasSize(1);
        assertThat(bundle.getMeta().getSecurity()).extracting(Coding::getCode).contains("ETH", "R");
    }

    @Test
    @DisplayName("a medical part that breaks a rule is refused with every issue and kept as an E3 dead letter: bad FHIR, no ICD-10, unknown IIN")
    void brokenMedicalPartIsDeadLettered() {
        var notFhir = post(medicalPart(UUID.randomUUID().toString(), "900101300007", "A15.0", "TUBERCULOSIS")
                .replace("\"active\"", "\"lively\""));
        assertThat(notFhir.status()).isEqualTo(400);
        assertThat(notFhir.body().path("errors").path(0).path("rule").asString()).isEqualTo("fhir.r4");

        String unknownIin = "990101300009";
        var unknown = post(medicalPart(UUID.randomUUID().toString(), unknownIin, "A15.0", "TUBERCULOSIS"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").toString()).contains("person.unknown");
        String deadLetter = unknown.body().path("deadLetterId").asString();
        assertThat(count("MATCH (d:DeadLetter {id: $id, exchange: 'E3', channel: 'http'}) RETURN count(d)", Map.of("id", deadLetter)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("on the broker queue e3.medical-records: a valid medical part is kept, a broken one dead-lettered")
    void brokerChannel() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
        String person = filed(record);
        String good = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        jms.convertAndSend("e3.medical-records", medicalPart(good, record.iin(), "B20", "HIV"));
        jms.convertAndSend("e3.medical-records", medicalPart(bad, record.iin(), "B20", "NOT_A_CATEGORY"));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("MATCH (m:MedicalPart {id: $id})-[:ABOUT]->(:Person {id: $person}) RETURN count(m)",
                        Map.of("id", good, "person", person)) == 1
                        && count("MATCH (d:DeadLetter {messageId: $id, exchange: 'E3', channel: 'broker'}) RETURN count(d)",
                        Map.of("id", bad)) == 1);
    }

    private Reply post(String body) {
        return MedicalPartMessages.post(http, tokenFor("kuis-demo"), body);
    }

    /** The medical part as the penal medical service sends it. */
    static String medicalPart(String messageId, String iin, String icd10, String category) {
        var patient = new Patient();
        patient.setId(UUID.randomUUID().toString());
        patient.addIdentifier().setSystem(E3Profile.IIN_SYSTEM).setValue(iin);
        var condition = new Condition();
        condition.setId(UUID.randomUUID().toString());
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        condition.addCategory(new CodeableConcept(new Coding(E3Profile.CATEGORY_SYSTEM, category, null)));
        condition.setCode(new CodeableConcept(new Coding(E3Profile.ICD10, icd10, null)));
        condition.setSubject(new Reference("urn:uuid:" + patient.getId()));
        var medication = new MedicationStatement();
        medication.setId(UUID.randomUUID().toString());
        medication.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        medication.setMedication(new CodeableConcept().setText("methadone"));
        medication.setSubject(new Reference("urn:uuid:" + patient.getId()));
        medication.addDosage().setText("80 mg daily");
        var allergy = new AllergyIntolerance();
        allergy.setId(UUID.randomUUID().toString());
        allergy.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
        allergy.setCode(new CodeableConcept().setText("penicillin"));
        allergy.setPatient(new Reference("urn:uuid:" + patient.getId()));
        var header = new MessageHeader();
        header.setId(messageId);
        header.setEvent(new Coding(E3Profile.EVENT_SYSTEM, MedicalParts.EVENT, null));
        header.getSource().setEndpoint("urn:kz-agency:KZ-KUIS");
        header.getSender().setDisplay("Медицинская часть УК-161/2");
        header.addFocus(new Reference("urn:uuid:" + patient.getId()));
        var bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(new Date());
        bundle.addEntry().setFullUrl("urn:uuid:" + messageId).setResource(header);
        for (var resource : java.util.List.of(patient, condition, medication, allergy)) {
            bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdElement().getIdPart()).setResource(resource);
        }
        return FhirSetup.json().encodeResourceToString(bundle);
    }
}
