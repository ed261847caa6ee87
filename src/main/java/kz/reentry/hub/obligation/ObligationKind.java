package kz.reentry.hub.obligation;

public enum ObligationKind {
    /** E1: release notice to the akimat and police of the chosen residence, 1 year before the end of term. */
    E1_RELEASE_NOTICE,
    /** E2: the individual programme to the akimat of the destination, within 2 working days after release. */
    E2_PROGRAMME_DELIVERY,
    /** E3: the health organisation acknowledges a treatment-continuity handoff (a configured deadline, hub.health). */
    E3_HANDOFF_ACKNOWLEDGEMENT,
    /** E4: the employment centre answers an employment referral (a configured number of working days, hub.employment). */
    E4_REFERRAL_ANSWER,
    /** E9: the police of the destination confirm a parolee's arrival and registration (003 cl. 51; hub.arrival). */
    E9_ARRIVAL_CONFIRMATION,
    /** E8 (003 cl. 49, 66): the regional prosecutor's quarterly reconciliation; about no one person. */
    E8_QUARTERLY_RECONCILIATION,
    /** E8 (003 cl. 29, 52, 67): the half-yearly reconciliation, by 5 July and 5 January; about no one person. */
    E8_HALF_YEARLY_RECONCILIATION,
    /** E8 (003 cl. 67): the yearly report on the adaptation of released persons, by 5 January; about no one person. */
    E8_YEARLY_ADAPTATION_REPORT,
    /** E7: the regional prosecutor's special message on an emergency to the General Prosecutor's department, within hours (003 cl. 4 (4), 17; hub.emergency). */
    E7_SPECIAL_MESSAGE,
    /** E7: the regional prosecutor's telephone alert to the department's zonal officer, within an hour (003 cl. 23; hub.emergency). */
    E7_PHONE_ALERT,
    /**
     * Belarus, MVD resolution No. 15, cl. 15, 18: an open-type institution (ИУОТ) registers a convict who
     * arrived (the decision on registration, form of appendix 1-1) on the first working day of arrival.
     */
    BY_OPEN_INSTITUTION_REGISTRATION,
    /** Belarus, MVD resolution No. 15, cl. 19: the medical examination within three working days after arrival at the ИУОТ. */
    BY_OPEN_INSTITUTION_MEDICAL_EXAMINATION
}
