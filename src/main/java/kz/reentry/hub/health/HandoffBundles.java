package kz.reentry.hub.health;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Builds the FHIR R4 message Bundle of one handoff (docs/exchanges/e3.md): the MessageHeader first,
 * then the Task that tracks the handoff, the ServiceRequest for community follow-up, the Patient,
 * the Conditions, MedicationStatements and AllergyIntolerances the hub has, the disability group as an
 * Observation, the Organizations and a Provenance. Every id is derived from the referral, so building it again gives the same message.
 */
final class HandoffBundles {

    private final String hubSenderId;

    HandoffBundles(String hubSenderId) {
        this.hubSenderId = hubSenderId;
    }

    Bundle build(HandoffFacts facts) {
        Date at = Date.from(facts.createdAt().toInstant());
        var kind = facts.edition().kind();
        var resources = new ArrayList<Resource>();

        Organization sender = organisation(facts, "sender", facts.sender());
        Organization receiver = organisation(facts, "receiver", facts.receiver());
        Organization hub = organisation(facts, "hub", new HandoffFacts.Organisation(hubSenderId, "Reentry hub"));
        Patient patient = patient(facts);

        // a cancellation tells the old receiver to stop expecting the person, and nothing clinical
        boolean clinical = kind != HandoffFacts.MessageKind.CANCELLED;
        List<Condition> conditions = new ArrayList<>();
        List<MedicationStatement> medications = new ArrayList<>();
        List<AllergyIntolerance> allergies = new ArrayList<>();
        if (clinical) {
            for (int i = 0; i < facts.conditions().size(); i++) {
                conditions.add(condition(facts, i, facts.conditions().get(i), patient, sender));
            }
            for (int i = 0; i < facts.medications().size(); i++) {
                medications.add(medication(facts, i, facts.medications().get(i), patient, sender));
            }
            for (int i = 0; i < facts.allergies().size(); i++) {
                allergies.add(allergy(facts, i, facts.allergies().get(i), patient, sender));
            }
        }
        Observation disability = facts.disabilityGroup() == null ? null : disability(facts, patient, sender);
        ServiceRequest followUp = followUp(facts, patient, sender, receiver, conditions, at);
        // the receiver owns the Task once it has it: news of the release or of a newer medical part does not
        // send it back to "requested"
        Task task = kind == HandoffFacts.MessageKind.RELEASED || kind == HandoffFacts.MessageKind.NEW_MEDICAL_PART
                ? null : task(facts, followUp, patient, sender, receiver, at);

        MessageHeader header = new MessageHeader();
        header.setId(facts.messageId());
        header.setEvent(event(kind));
        header.addDestination().setName(facts.receiver().name())
                .setEndpoint(E3Profile.AGENCY_ENDPOINT_PREFIX + facts.receiver().code())
                .setReceiver(ref(receiver));
        header.setSender(ref(sender));
        header.getSource().setName("Reentry hub").setEndpoint(E3Profile.AGENCY_ENDPOINT_PREFIX + hubSenderId);
        header.setResponsible(ref(sender));
        if (task != null) {
            header.addFocus(ref(task));
        }
        header.addFocus(ref(followUp));

        resources.add(header);
        if (task != null) {
            resources.add(task);
        }
        resources.add(followUp);
        resources.add(patient);
        resources.addAll(conditions);
        resources.addAll(medications);
        resources.addAll(allergies);
        if (disability != null) {
            resources.add(disability);
        }
        resources.add(sender);
        resources.add(receiver);
        resources.add(hub);

        Provenance provenance = new Provenance();
        provenance.setId(facts.stableId("provenance"));
        resources.forEach(r -> provenance.addTarget(ref(r)));
        provenance.setRecorded(at);
        provenance.addAgent().setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(ref(sender));
        provenance.addAgent().setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
                .setWho(ref(hub));
        resources.add(provenance);

        Bundle bundle = new Bundle();
        bundle.setId(facts.stableId("bundle"));
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setTimestamp(at);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + facts.stableId("bundle")));
        labels(bundle.getMeta(), facts);
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdElement().getIdPart()).setResource(resource);
        }
        return bundle;
    }

    private static Coding event(HandoffFacts.MessageKind kind) {
        return switch (kind) {
            case HANDOFF -> new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_HANDOFF, "Treatment-continuity handoff");
            case RELEASED -> new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_RELEASED, "The person was released");
            case NEW_MEDICAL_PART -> new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_NEW_MEDICAL_PART,
                    "A newer medical part");
            case CANCELLED -> new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_CANCELLED, "Handoff cancelled");
        };
    }

    /** Restricted, for treatment; and the sensitivity of each condition category that has one. */
    private static void labels(Meta meta, HandoffFacts facts) {
        meta.addSecurity(new Coding(E3Profile.CONFIDENTIALITY, "R", "restricted"));
        meta.addSecurity(new Coding(E3Profile.ACT_REASON, "TREAT", "treatment"));
        facts.conditions().stream().map(c -> c.category().sensitivity()).filter(s -> s != null).distinct()
                .forEach(code -> meta.addSecurity(new Coding(E3Profile.ACT_CODE, code, null)));
    }

    private static Organization organisation(HandoffFacts facts, String role, HandoffFacts.Organisation party) {
        Organization organisation = new Organization();
        organisation.setId(facts.stableId("organization|" + role));
        organisation.addIdentifier().setSystem(E3Profile.AGENCY_SYSTEM).setValue(party.code());
        organisation.setName(party.name() == null ? party.code() : party.name());
        organisation.setActive(true);
        return organisation;
    }

    private static Patient patient(HandoffFacts facts) {
        var person = facts.person();
        Patient patient = new Patient();
        patient.setId(facts.stableId("patient"));
        labels(patient.getMeta(), facts);
        patient.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(E3Profile.IIN_SYSTEM).setValue(person.iin());
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(person.surname());
        if (person.givenName() != null) {
            name.addGiven(person.givenName());
        }
        if (person.patronymic() != null) {
            name.addGiven(person.patronymic());
        }
        if (person.birthDate() != null) {
            patient.setBirthDate(java.sql.Date.valueOf(person.birthDate()));
        }
        if (person.sex() != null) {
            patient.setGender(person.sex().equals("M") ? Enumerations.AdministrativeGender.MALE
                    : Enumerations.AdministrativeGender.FEMALE);
        }
        return patient;
    }

    private static Condition condition(HandoffFacts facts, int index, HandoffFacts.ConditionFact fact, Patient patient,
                                       Organization sender) {
        Condition condition = new Condition();
        condition.setId(facts.stableId("condition|" + index));
        labels(condition.getMeta(), facts);
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
        condition.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
        condition.addCategory(new CodeableConcept(new Coding(E3Profile.CATEGORY_SYSTEM, fact.category().name(), null)));
        condition.setCode(new CodeableConcept(new Coding(E3Profile.ICD10, fact.icd10(), fact.display())));
        condition.setSubject(ref(patient));
        return condition;
    }

    private static MedicationStatement medication(HandoffFacts facts, int index, HandoffFacts.MedicationFact fact,
                                                  Patient patient, Organization sender) {
        MedicationStatement statement = new MedicationStatement();
        statement.setId(facts.stableId("medication|" + index));
        labels(statement.getMeta(), facts);
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setMedication(new CodeableConcept().setText(fact.substance()));
        statement.setSubject(ref(patient));
        statement.setInformationSource(ref(sender));
        if (fact.dose() != null) {
            statement.addDosage().setText(fact.dose());
        }
        if (fact.lastDose() != null) {
            statement.setEffective(new Period().setEndElement(new DateTimeType(Date.from(fact.lastDose().toInstant()))));
        }
        return statement;
    }

    private static AllergyIntolerance allergy(HandoffFacts facts, int index, String substance, Patient patient,
                                              Organization sender) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId(facts.stableId("allergy|" + index));
        labels(allergy.getMeta(), facts);
        allergy.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active")));
        allergy.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed")));
        allergy.setCode(new CodeableConcept().setText(substance));
        allergy.setPatient(ref(patient));
        return allergy;
    }

    /**
     * The disability group as the medical-social expertise set it: an Observation (a simple assertion
     * about the patient, not a problem to treat, so not a Condition), final, coded under the hub's own
     * systems until a national one exists.
     */
    private static Observation disability(HandoffFacts facts, Patient patient, Organization sender) {
        Observation observation = new Observation();
        observation.setId(facts.stableId("observation|disability-group"));
        labels(observation.getMeta(), facts);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(E3Profile.OBSERVATION_SYSTEM,
                E3Profile.OBSERVATION_DISABILITY_GROUP, "Disability group")).setText("Группа инвалидности"));
        observation.setSubject(ref(patient));
        observation.addPerformer(ref(sender));
        observation.setValue(new CodeableConcept(new Coding(E3Profile.DISABILITY_GROUP_SYSTEM,
                facts.disabilityGroup().name(), "Group " + facts.disabilityGroup().name())));
        return observation;
    }

    private static ServiceRequest followUp(HandoffFacts facts, Patient patient, Organization sender,
                                           Organization receiver, List<Condition> conditions, Date at) {
        ServiceRequest request = new ServiceRequest();
        request.setId(facts.stableId("service-request"));
        labels(request.getMeta(), facts);
        request.addIdentifier().setSystem(E3Profile.HANDOFF_SYSTEM).setValue(facts.referralId());
        request.setStatus(facts.edition().kind() == HandoffFacts.MessageKind.CANCELLED
                ? ServiceRequest.ServiceRequestStatus.REVOKED : ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(new Coding(E3Profile.SNOMED, "3457005", "Patient referral"))
                .setText("Community follow-up of treatment after release"));
        request.setSubject(ref(patient));
        request.setAuthoredOn(at);
        request.setRequester(ref(sender));
        request.addPerformer(ref(receiver));
        conditions.forEach(c -> request.addReasonReference(ref(c)));
        if (facts.reason() != null && facts.edition().kind() != HandoffFacts.MessageKind.CANCELLED) {
            request.addNote().setText(facts.reason());
        }
        if (facts.plannedRelease() != null) {
            request.setOccurrence(new Period().setStartElement(new DateTimeType(facts.plannedRelease().toString())));
        }
        return request;
    }

    private static Task task(HandoffFacts facts, ServiceRequest followUp, Patient patient, Organization sender,
                             Organization receiver, Date at) {
        Task task = new Task();
        task.setId(facts.stableId("task"));
        labels(task.getMeta(), facts);
        task.addIdentifier().setSystem(E3Profile.HANDOFF_SYSTEM).setValue(facts.referralId());
        if (facts.edition().kind() == HandoffFacts.MessageKind.CANCELLED) {
            task.setStatus(Task.TaskStatus.CANCELLED);
            task.setStatusReason(new CodeableConcept().setText(facts.edition().why()));
        } else {
            task.setStatus(Task.TaskStatus.REQUESTED);
        }
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill",
                "Fulfill the focal request")));
        task.setFocus(ref(followUp));
        task.setFor(ref(patient));
        task.setAuthoredOn(at);
        task.setLastModified(at);
        task.setRequester(ref(sender));
        task.setOwner(ref(receiver));
        return task;
    }

    private static Reference ref(Resource resource) {
        return new Reference("urn:uuid:" + resource.getIdElement().getIdPart());
    }
}
