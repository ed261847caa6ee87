package kz.reentry.hub.reconciliation;

import java.util.Optional;

/** Who says who is in a category: the bodies instruction No. 7 names (003 cl. 29, 49, 52), and the hub itself. */
public enum ReconciliationSource {
    COURT, PROBATION, POLICE, LEGAL_STATISTICS, PENAL_SYSTEM, HUB;

    /** The committee on legal statistics and special records (КПСиСУ) is a prosecutor's body: known by its code. */
    static final String LEGAL_STATISTICS_AGENCY = "KZ-KPSISU";

    /** The source a party speaks as, from its kind in the reference data; none for a party that is no source. */
    static Optional<ReconciliationSource> of(String agency, String partyKind) {
        if (LEGAL_STATISTICS_AGENCY.equals(agency)) {
            return Optional.of(LEGAL_STATISTICS);
        }
        if (partyKind == null) {
            return Optional.empty();
        }
        return switch (partyKind) {
            case "COURT" -> Optional.of(COURT);
            case "PROBATION" -> Optional.of(PROBATION);
            case "POLICE" -> Optional.of(POLICE);
            case "PENAL_SYSTEM" -> Optional.of(PENAL_SYSTEM);
            default -> Optional.empty();
        };
    }
}
