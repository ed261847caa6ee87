package kz.reentry.hub.referral;

import java.time.ZonedDateTime;

public record ReferralTransition(String referralId, String status, ZonedDateTime at, String by, String agency,
                                 String note) {
}
