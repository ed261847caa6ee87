package kz.reentry.hub.security;

/** Implemented by records that may carry health details, for the policy's {@code when: HEALTH_RELATED}. */
public interface HealthRelated {

    boolean healthRelated();
}
