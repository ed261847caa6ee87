package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.security.CellCount;

/**
 * State social order reporting (E6) for one NGO and period: the cases assigned to it, what became of
 * them as the hub knew at {@code asOf}, how soon it took them, how they ended. Every number is a count
 * of cases with the cell key of their persons, so the small-cell rule of the access policy decides
 * what each party is told of it (schema/access-policy.yaml, smallCells).
 */
public record NgoCaseReport(String ngoCode, LocalDate from, LocalDate to, ZonedDateTime asOf, CellCount assigned,
                            CellCount accepted, CellCount declined, CellCount awaitingAnswer, CellCount handedBack,
                            CellCount cancelled, CellCount completed, CellCount inProgress,
                            List<Band> timeToAcceptance, List<Outcome> outcomes) {

    /** Calendar days from the assignment to the acceptance, in bands (SAME_DAY: 0; WITHIN_3_DAYS: 1 to 3; ...). */
    public enum AcceptanceTime {
        SAME_DAY(0), WITHIN_3_DAYS(3), WITHIN_7_DAYS(7), WITHIN_30_DAYS(30), LONGER(Long.MAX_VALUE);

        private final long upTo;

        AcceptanceTime(long upTo) {
            this.upTo = upTo;
        }

        static AcceptanceTime of(long days) {
            for (AcceptanceTime band : values()) {
                if (days <= band.upTo) {
                    return band;
                }
            }
            return LONGER;
        }
    }

    /** The cases taken within one band of time to acceptance. */
    public record Band(AcceptanceTime within, CellCount cases) {
    }

    /** The completed cases with one outcome. */
    public record Outcome(String outcome, CellCount cases) {
    }
}
