package kz.reentry.hub.employment;

/** The two messages of one employment referral (decree 912 items 2 and 25). */
enum EmploymentMessageKind {
    /** A year before release, with the E1 notice (or at once when the referral is opened later). */
    REFERRAL,
    /** On the day the person walks out: "meet at the gate". */
    MEET_AT_GATE
}
