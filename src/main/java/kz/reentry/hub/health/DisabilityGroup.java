package kz.reentry.hub.health;

/**
 * The disability group (группа инвалидности) a medical-social expertise set for the person: I is the
 * most severe. Carried in E3 as an Observation (docs/exchanges/e3.md, "Disability group").
 */
public enum DisabilityGroup {
    I, II, III
}
