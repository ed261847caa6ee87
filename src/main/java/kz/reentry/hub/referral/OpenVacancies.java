package kz.reentry.hub.referral;

/**
 * Whether a vacancy of the labour ministry's feed is open, for an EMPLOYMENT referral that names one.
 * Kept by the employment package (E4), which depends on referrals; asked through this interface so
 * that referrals do not depend on it back.
 */
public interface OpenVacancies {

    boolean isOpen(String vacancyId);
}
