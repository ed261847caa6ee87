package kz.reentry.hub.health;

/** The socially significant and serious diseases decree 912 item 13 hands over (domain brief, E3). */
public enum ConditionCategory {
    TUBERCULOSIS, HIV, VIRAL_HEPATITIS, DRUG_DEPENDENCE, MENTAL_DISORDER, OTHER_SERIOUS;

    /** The HL7 v3 ActCode sensitivity label a resource about it carries, if there is one. */
    String sensitivity() {
        return switch (this) {
            case HIV -> "HIV";
            case DRUG_DEPENDENCE -> "ETH";
            case MENTAL_DISORDER -> "PSY";
            default -> null;
        };
    }
}
