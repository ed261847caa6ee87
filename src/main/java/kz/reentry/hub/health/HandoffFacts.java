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
 * @param plannedRelease the day the person is to walk out (or walked out), if known
 * @param disabilityGroup the disability group the medical part gave, if any
 * @param edition        which message of the handoff this is: the handoff itself, the news of the
 *                       release, or its cancellation
 */
public record HandoffFacts(String referralId, PersonFacts person, Organisation sender, Organisation receiver,
                           String reason, LocalDate plannedRelease, List<ConditionFact> conditions,
                           List<MedicationFact> medications, List<String> allergies, ZonedDateTime createdAt,
                           DisabilityGroup disabilityGroup, Edition edition) {

    public HandoffFacts {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        medications = medications == null ? List.of() : List.copyOf(medications);
        allergies = allergies == null ? List.of() : List.copyOf(allergies);
        edition = edition == null ? Edition.handoff() : edition;
    }

    /** The handoff itself to {@code receiver}, with the disability group if one is known. */
    public HandoffFacts(String referralId, PersonFacts person, Organisation sender, Organisation receiver, String reason,
                        LocalDate plannedRelease, List<ConditionFact> conditions, List<MedicationFact> medications,
                        List<String> allergies, ZonedDateTime createdAt, DisabilityGroup disabilityGroup) {
        this(referralId, person, sender, receiver, reason, plannedRelease, conditions, medications, allergies, createdAt,
                disabilityGroup, Edition.handoff());
    }

    /** The handoff itself to {@code receiver}, without a disability group. */
    public HandoffFacts(String referralId, PersonFacts person, Organisation sender, Organisation receiver, String reason,
                        LocalDate plannedRelease, List<ConditionFact> conditions, List<MedicationFact> medications,
                        List<String> allergies, ZonedDateTime createdAt) {
        this(referralId, person, sender, receiver, reason, plannedRelease, conditions, medications, allergies, createdAt,
                null, Edition.handoff());
    }

    /**
     * One message has one MessageHeader.id for ever, whoever builds it again: receivers deduplicate on
     * it. The handoff to one receiver, the news of one release to it and its cancellation are three
     * messages, each with its own id.
     */
    public String messageId() {
        return stableId("message");
    }

    /** The id of one of the message's resources, the same every time the message is built. */
    String stableId(String part) {
        String key = "E3|" + referralId + "|" + edition.kind() + "|" + receiver.code()
                + (edition.occasion() == null ? "" : "|" + edition.occasion()) + "|" + part;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The messages of one handoff to one receiver. */
    public enum MessageKind {
        /** The handoff: who the person is, what is to be continued, from when. */
        HANDOFF,
        /** The release was recorded after the handoff left: the day the person walked out. */
        RELEASED,
        /** A medical part came after the handoff left: what the receiver has is out of date. */
        NEW_MEDICAL_PART,
        /** The person goes elsewhere: this receiver no longer takes over. */
        CANCELLED
    }

    /**
     * @param occasion what the message tells of: for RELEASED the recorded release (PersonState id),
     *                 for NEW_MEDICAL_PART the medical part (its message id)
     * @param why      for CANCELLED, the reason the receiver reads
     */
    public record Edition(MessageKind kind, String occasion, String why) {

        public static Edition handoff() {
            return new Edition(MessageKind.HANDOFF, null, null);
        }
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
