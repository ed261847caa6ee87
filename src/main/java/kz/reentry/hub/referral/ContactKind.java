package kz.reentry.hub.referral;

/** How an NGO was in contact with the person (schema/ngo-cases.graphqls). */
enum ContactKind {
    MET_AT_GATE, VISIT, OFFICE, PHONE, ONLINE, ACCOMPANIED
}
