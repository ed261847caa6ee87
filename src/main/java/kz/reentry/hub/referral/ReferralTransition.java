package kz.reentry.hub.referral;

import java.time.ZonedDateTime;

import kz.reentry.hub.security.HealthRelated;

/** @param referralKind the kind of the referral it moved, for the access policy */
public record ReferralTransition(String referralId, String referralKind, String status, ZonedDateTime at, String by,
                                 String agency, String note) implements HealthRelated {

    @Override
    public boolean healthRelated() {
        return "HEALTH".equals(referralKind);
    }
}
