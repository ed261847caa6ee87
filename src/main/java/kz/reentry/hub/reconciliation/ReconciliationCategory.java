package kz.reentry.hub.reconciliation;

import java.util.List;

import static kz.reentry.hub.reconciliation.ReconciliationSource.COURT;
import static kz.reentry.hub.reconciliation.ReconciliationSource.LEGAL_STATISTICS;
import static kz.reentry.hub.reconciliation.ReconciliationSource.POLICE;
import static kz.reentry.hub.reconciliation.ReconciliationSource.PROBATION;

/**
 * The categories instruction No. 7 reconciles, with the clauses that order it, how often, and which sources
 * they compare (seed 003):
 * <ul>
 * <li>cl. 49, quarterly: the court's data on persons sentenced without deprivation of liberty, against the
 * probation service's count of those registered with it;</li>
 * <li>cl. 52, half-yearly: court, the committee on legal statistics (КПСиСУ) and the police, on persons under
 * administrative supervision, parolees and supervised persons released, and their repeat crimes;</li>
 * <li>cl. 29, half-yearly: КПСиСУ against the police, on parolees and supervised persons released, including
 * those from other regions who arrived to live here, and their repeat crimes.</li>
 * </ul>
 */
public enum ReconciliationCategory {
    PAROLEE(List.of("003 cl. 29", "003 cl. 52"), Frequency.HALF_YEARLY, List.of(COURT, LEGAL_STATISTICS, POLICE)),
    UNDER_ADMINISTRATIVE_SUPERVISION(List.of("003 cl. 29", "003 cl. 52"), Frequency.HALF_YEARLY,
            List.of(COURT, LEGAL_STATISTICS, POLICE)),
    PROBATIONER(List.of("003 cl. 49"), Frequency.QUARTERLY, List.of(COURT, PROBATION)),
    ARRIVED_FROM_OTHER_REGION(List.of("003 cl. 29"), Frequency.HALF_YEARLY, List.of(LEGAL_STATISTICS, POLICE)),
    REPEAT_CRIME(List.of("003 cl. 29", "003 cl. 52"), Frequency.HALF_YEARLY, List.of(COURT, LEGAL_STATISTICS, POLICE));

    public enum Frequency { QUARTERLY, HALF_YEARLY }

    private final List<String> clauses;
    private final Frequency frequency;
    private final List<ReconciliationSource> expected;

    ReconciliationCategory(List<String> clauses, Frequency frequency, List<ReconciliationSource> expected) {
        this.clauses = clauses;
        this.frequency = frequency;
        this.expected = expected;
    }

    public List<String> clauses() {
        return clauses;
    }

    public Frequency frequency() {
        return frequency;
    }

    /** The sources the clauses compare; others may give a list too, and are then compared as well. */
    public List<ReconciliationSource> expected() {
        return expected;
    }
}
