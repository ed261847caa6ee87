package kz.reentry.hub.employment;

import kz.reentry.hub.programme.MeasureStatus;
import kz.reentry.hub.referral.ReferralStatus;

/**
 * What the employment centre's system says about a referral (E4 back), and where each answer moves
 * the referral and the programme's EMPLOYMENT measures. Only PLACED counts as employed.
 */
public enum EmploymentOutcomeKind {
    REGISTERED(ReferralStatus.ACCEPTED, MeasureStatus.IN_PROGRESS),
    VACANCY_OFFERED(ReferralStatus.IN_PROGRESS, MeasureStatus.IN_PROGRESS),
    TRAINING(ReferralStatus.IN_PROGRESS, MeasureStatus.IN_PROGRESS),
    PLACED(ReferralStatus.COMPLETED, MeasureStatus.MET),
    DECLINED(ReferralStatus.COMPLETED, MeasureStatus.DECLINED),
    /** The person did not come: recorded, the referral stays where it is (the person may still come). */
    NO_SHOW(null, null),
    CLOSED(ReferralStatus.COMPLETED, null);

    private final ReferralStatus referral;
    private final MeasureStatus measure;

    EmploymentOutcomeKind(ReferralStatus referral, MeasureStatus measure) {
        this.referral = referral;
        this.measure = measure;
    }

    /** Where the referral goes; null: it stays. */
    ReferralStatus referral() {
        return referral;
    }

    /** Where the programme's EMPLOYMENT measures go; null: they stay. */
    MeasureStatus measure() {
        return measure;
    }
}
