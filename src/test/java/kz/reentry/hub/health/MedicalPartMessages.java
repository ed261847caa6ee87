package kz.reentry.hub.health;

import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Medical parts (E3 in) as the penal medical service sends them, beyond MedicalPartIT's plain one. */
final class MedicalPartMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MedicalPartMessages() {
    }

    /** Posts a medical part to POST /intake/e3/medical-records with this token, as the test's end user. */
    static HubIntegrationTest.Reply post(RestClient http, String token, String body) {
        return http.post().uri("/intake/e3/medical-records")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-End-User", HubIntegrationTest.END_USER).header("X-Purpose", HubIntegrationTest.PURPOSE)
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(body)
                .exchange((request, response) -> {
                    String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new HubIntegrationTest.Reply(response.getStatusCode().value(), text.isBlank() ? null : JSON.readTree(text));
                });
    }

    /** A medical part with one condition and, as an Observation, the disability group given (a code, valid or not). */
    static String withDisabilityGroup(String messageId, String iin, String icd10, String category, String group) {
        Bundle bundle = FhirSetup.json().parseResource(Bundle.class, MedicalPartIT.medicalPart(messageId, iin, icd10, category));
        String patient = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Patient).findFirst()
                .orElseThrow().getFullUrl();
        var observation = new Observation();
        observation.setId(UUID.randomUUID().toString());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(E3Profile.OBSERVATION_SYSTEM, E3Profile.OBSERVATION_DISABILITY_GROUP,
                "Disability group")));
        observation.setSubject(new Reference(patient));
        observation.setValue(new CodeableConcept(new Coding(E3Profile.DISABILITY_GROUP_SYSTEM, group, null)));
        bundle.addEntry().setFullUrl("urn:uuid:" + observation.getId()).setResource(observation);
        return FhirSetup.json().encodeResourceToString(bundle);
    }
}
