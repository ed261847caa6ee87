package kz.reentry.hub.health;

/**
 * The identifier systems and codes of exchange E3 (docs/exchanges/e3.md). The hub's own namespaces
 * live under https://reentry-hub.kz/fhir/ until the Ministry of Health registers national ones
 * (NamingSystem); changing one is a change of the profile, announced to every receiver.
 */
public final class E3Profile {

    /** Kazakhstan's individual identification number (ИИН), 12 digits. */
    public static final String IIN_SYSTEM = "https://reentry-hub.kz/fhir/sid/kz-iin";
    /** Agency codes of the hub's reference data (KZ-UZ-75, KZ-KUIS...). */
    public static final String AGENCY_SYSTEM = "https://reentry-hub.kz/fhir/sid/agency-code";
    /** The handoff, as the Task's business identifier: the id of the HEALTH referral it carries out. */
    public static final String HANDOFF_SYSTEM = "https://reentry-hub.kz/fhir/sid/e3-handoff";
    /** The events of E3 messaging. */
    public static final String EVENT_SYSTEM = "https://reentry-hub.kz/fhir/CodeSystem/e3-event";
    public static final String EVENT_HANDOFF = "treatment-handoff";
    /** The release was recorded after the handoff left: the ServiceRequest's start is the day the person walked out. */
    public static final String EVENT_RELEASED = "treatment-handoff-released";
    /** A medical part came after the handoff left: the message carries it (no Task: the receiver owns it). */
    public static final String EVENT_NEW_MEDICAL_PART = "treatment-handoff-new-medical-part";
    /** The person goes elsewhere: the Task is cancelled, the ServiceRequest revoked, with the reason. */
    public static final String EVENT_CANCELLED = "treatment-handoff-cancelled";
    /** A health organisation's update of the handoff's Task (accepted, rejected, in-progress, completed). */
    public static final String EVENT_UPDATE = "treatment-handoff-update";
    /** The condition categories of decree 912 item 13 ({@link ConditionCategory}). */
    public static final String CATEGORY_SYSTEM = "https://reentry-hub.kz/fhir/CodeSystem/e3-condition-category";
    /** What an Observation of E3 records (today: disability-group). */
    public static final String OBSERVATION_SYSTEM = "https://reentry-hub.kz/fhir/CodeSystem/e3-observation";
    public static final String OBSERVATION_DISABILITY_GROUP = "disability-group";
    /** The disability groups ({@link DisabilityGroup}): I, II, III. */
    public static final String DISABILITY_GROUP_SYSTEM = "https://reentry-hub.kz/fhir/CodeSystem/disability-group";
    /** An agency as a message endpoint: urn:kz-agency:KZ-UZ-75 (the real URL is the hub's delivery configuration). */
    public static final String AGENCY_ENDPOINT_PREFIX = "urn:kz-agency:";

    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private E3Profile() {
    }
}
