package kz.reentry.hub.referral;

/** What came of an NGO case, as the NGO reports it when it completes the case (schema/ngo-cases.graphqls). */
public enum CaseOutcome {
    HOUSED, EMPLOYED, DOCUMENTS_RESTORED, BENEFITS_ARRANGED, IN_EDUCATION, REFERRED_ON, PERSON_DECLINED, MOVED_AWAY,
    LOST_CONTACT
}
