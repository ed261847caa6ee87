package kz.reentry.hub.referral;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.ZonedDateTime;

import kz.reentry.hub.security.HealthRelated;

/**
 * @param condition a HEALTH referral's condition category (health.ConditionCategory), when one was named
 * @param change    the number of its latest change in the hub-wide sequence of referral changes
 */
public record Referral(String id, String kind, String personId, ReferralStatus status, String fromCode, String toCode,
                       String reason, String condition, String outcome, ZonedDateTime requestedAt, ZonedDateTime updatedAt, long change)
        implements HealthRelated, AboutPerson {

    @Override
    public boolean healthRelated() {
        return "HEALTH".equals(kind);
    }
}
