package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.util.List;

public record Reconciliation(String regionCode, ReconciliationCategory category, LocalDate from, LocalDate to,
                             List<SourceTotal> sources, List<Discrepancy> discrepancies) {

    public List<String> clauses() {
        return category.clauses();
    }

    public ReconciliationCategory.Frequency frequency() {
        return category.frequency();
    }

    /** Every expected source gave a list, and no person is missing from any list. */
    public boolean agreed() {
        return discrepancies.isEmpty() && sources.stream().allMatch(s -> s.submitted() || !s.expected());
    }
}
