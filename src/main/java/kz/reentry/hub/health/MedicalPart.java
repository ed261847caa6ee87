package kz.reentry.hub.health;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPerson;

/**
 * A medical part as the hub keeps it (Person.medicalParts in GraphQL).
 *
 * @param id               the MessageHeader.id it came with
 * @param newerThanHandoff it came after a handoff of the person had left, which carried an older one or none
 */
public record MedicalPart(String id, String personId, ZonedDateTime receivedAt, String author,
                          List<HandoffFacts.ConditionFact> conditions, List<HandoffFacts.MedicationFact> medications,
                          List<String> allergies, DisabilityGroup disabilityGroup, boolean newerThanHandoff)
        implements AboutPerson {
}
