package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bundle's shape, without the validator (which needs seconds to load R4: HandoffValidationIT). */
class HandoffBundlesTests {

    private static final HandoffBundles BUNDLES = new HandoffBundles("REENTRY-HUB");

    static HandoffFacts facts(String referralId) {
        return new HandoffFacts(referralId,
                new HandoffFacts.PersonFacts("900101300007", "Ахметов", "Ерлан", "Серикович", LocalDate.of(1990, 1, 1)),
                new HandoffFacts.Organisation("KZ-KUIS", "Комитет УИС"),
                new HandoffFacts.Organisation("KZ-UZ-75", "Управление здравоохранения г. Алматы"),
                "continue TB treatment", LocalDate.of(2026, 12, 20),
                List.of(new HandoffFacts.ConditionFact(ConditionCategory.TUBERCULOSIS, "A15.0", "Tuberculosis of lung"),
                        new HandoffFacts.ConditionFact(ConditionCategory.DRUG_DEPENDENCE, "F11.2", "Opioid dependence")),
                List.of(new HandoffFacts.MedicationFact("methadone", "80 mg once daily",
                        ZonedDateTime.parse("2026-12-19T09:00:00+05:00"))),
                List.of("penicillin"), ZonedDateTime.parse("2026-11-20T10:00:00+05:00"));
    }

    @Test
    @DisplayName("a handoff with every part is a message Bundle: MessageHeader first, every resource, labels, the IIN")
    void fullHandoff() {
        Bundle bundle = BUNDLES.build(facts("ref-1"));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(MessageHeader.class);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Task", "ServiceRequest",
                "Patient", "Condition", "MedicationStatement", "AllergyIntolerance", "Organization", "Provenance");
        assertThat(bundle.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("R", "TREAT", "ETH");
        Patient patient = (Patient) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).findFirst().orElseThrow();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(E3Profile.IIN_SYSTEM);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("900101300007");
    }

    @Test
    @DisplayName("the same referral always gives the same MessageHeader.id and the same text; another gives another id")
    void stableMessageId() {
        String first = FhirSetup.json().encodeResourceToString(BUNDLES.build(facts("ref-2")));
        String again = FhirSetup.json().encodeResourceToString(BUNDLES.build(facts("ref-2")));
        assertThat(again).isEqualTo(first);
        assertThat(facts("ref-2").messageId()).isEqualTo(BUNDLES.build(facts("ref-2")).getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isNotEqualTo(facts("ref-3").messageId());
    }
}
