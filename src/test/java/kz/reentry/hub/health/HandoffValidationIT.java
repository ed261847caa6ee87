package kz.reentry.hub.health;

import static kz.reentry.hub.health.HandoffBundlesTests.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The handoff bundles against HAPI's R4 validator, without the hub: an IT only because loading the
 * R4 definitions takes half a minute, too long for the unit loop.
 */
class HandoffValidationIT {

    private static final FhirSetup FHIR = new FhirSetup();
    private static final HandoffBundles BUNDLES = new HandoffBundles("REENTRY-HUB");

    @Test
    @DisplayName("a handoff with every part is a message Bundle the R4 validator finds no error in")
    void fullHandoffIsValid() {
        assertThat(FHIR.errors(BUNDLES.build(facts("ref-1")))).isEmpty();
    }

    @Test
    @DisplayName("a bundle the builder got wrong is found invalid: a MessageHeader without its event")
    void brokenBundleHasErrors() {
        Bundle bundle = BUNDLES.build(facts("ref-4"));
        ((MessageHeader) bundle.getEntryFirstRep().getResource()).setEvent(null);
        assertThat(FHIR.errors(bundle)).isNotEmpty().anySatisfy(e -> assertThat(e).contains("event"));
    }

    @Test
    @DisplayName("a malformed ICD-10 code (inner whitespace) makes the bundle invalid: the validator checks the code datatype")
    void malformedCodeIsInvalid() {
        var base = facts("ref-6");
        var broken = new HandoffFacts(base.referralId(), base.person(), base.sender(), base.receiver(), base.reason(),
                base.plannedRelease(), List.of(new HandoffFacts.ConditionFact(ConditionCategory.TUBERCULOSIS, "A15.0  ", "TB")),
                List.of(), List.of(), base.createdAt());
        assertThat(FHIR.errors(BUNDLES.build(broken))).isNotEmpty().anySatisfy(e -> assertThat(e).contains("Condition"));
    }

    @Test
    @DisplayName("a handoff without medical data (a referral before the medical service sent it) is valid too")
    void handoffWithoutMedicalPartIsValid() {
        var bare = facts("ref-5");
        bare = new HandoffFacts(bare.referralId(), bare.person(), bare.sender(), bare.receiver(), bare.reason(), null,
                List.of(), List.of(), List.of(), bare.createdAt());
        assertThat(FHIR.errors(BUNDLES.build(bare))).isEmpty();
    }
}
