package kz.reentry.hub.health;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What one treatment-continuity handoff (E3) says, as the hub knows it when it is built: the person,
 * who hands over and who takes over, why, when the person walks out, and the medical part when the
 * penal medical service sent one (empty lists until then).
 *
 * @param referralId     the HEALTH referral the handoff carries out; the message id derives from it
 * @param sender         the party that referred (the penal system or the institution's medical service)
 * @param receiver       the health organisation at the destination
 * @param reason         the referral's reason, as its sender wrote it (health data)
 * @param plannedRelease the day the person is to walk out, if known
 * @param disabilityGroup the disability group the medical part gave, if any
 */
public record HandoffFacts(String referralId, PersonFacts person, Organisation sender, Organisation receiver,
                           String reason, LocalDate plannedRelease, List<ConditionFact> conditions,
                           List<MedicationFact> medications, List<String> allergies, ZonedDateTime createdAt,
                           DisabilityGroup disabilityGroup) {

    public HandoffFacts {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        medications = medications == null ? List.of() : List.copyOf(medications);
        allergies = allergies == null ? List.of() : List.copyOf(allergies);
    }

    /** Without a disability group (none known, or a message that never carries one, such as a cancellation). */
    public HandoffFacts(String referralId, PersonFacts person, Organisation sender, Organisation receiver, String reason,
                        LocalDate plannedRelease, List<ConditionFact> conditions, List<MedicationFact> medications,
                        List<String> allergies, ZonedDateTime createdAt) {
        this(referralId, person, sender, receiver, reason, plannedRelease, conditions, medications, allergies, createdAt,
                null);
    }

    /** One handoff has one MessageHeader.id for ever, whoever builds it again: receivers deduplicate on it. */
    public String messageId() {
        return stableId("message");
    }

    /** The id of one of the handoff's resources, the same every time the handoff is built. */
    String stableId(String part) {
        return UUID.nameUUIDFromBytes(("E3|" + referralId + "|" + part).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** @param sex M or F, from the IIN's seventh digit */
    public record PersonFacts(String iin, String surname, String givenName, String patronymic, LocalDate birthDate) {

        /** The IIN's seventh digit: odd for men, even for women (domain brief, "Identity"). */
        public String sex() {
            if (iin == null || iin.length() < 7 || !Character.isDigit(iin.charAt(6))) {
                return null;
            }
            return (iin.charAt(6) - '0') % 2 == 1 ? "M" : "F";
        }
    }

    public record Organisation(String code, String name) {
    }

    /**
     * @param category one of {@link ConditionCategory}: decides the security labels and, later, the receiver
     * @param icd10    the ICD-10 code (A15.0, B20, F11.2...)
     */
    public record ConditionFact(ConditionCategory category, String icd10, String display) {
    }

    /** @param lastDose for substitution therapy: when the last dose was given, so none is missed */
    public record MedicationFact(String substance, String dose, ZonedDateTime lastDose) {
    }
}
