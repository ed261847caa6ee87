package kz.reentry.hub.obligation;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

/** The deadlines the law sets for the exchanges (domain brief, the table of exchanges). */
@Component
public class Deadlines {

    /** E2: the programme reaches the destination within this many working days after release. */
    static final int PROGRAMME_DELIVERY_WORKING_DAYS = 2;

    private final WorkingDayCalendar calendar;

    Deadlines(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * E1 (order 392, cl. 50): "no later than one year before the end of the term". The year is counted
     * back from the planned release when that is earlier than the end of term (parole, amnesty): the
     * notice exists so that housing and work are ready when the person walks out, whatever the reason.
     * A year back from 29 February is 28 February, the earlier day, so the receivers still get a full
     * year. A "no later than" day that is not a working day of the receivers' calendar moves to the
     * working day before it, never after: a notice due on a holiday would reach closed offices, and
     * moving it later would break the "no later than". The result does not depend on when the hub
     * learned of the release: a release registered late makes a notice that is late from the start
     * ({@link ObligationRepository#open}, which keeps the day it was registered).
     */
    public LocalDate releaseNotice(String jurisdiction, LocalDate plannedRelease, LocalDate termEnd) {
        LocalDate walksOut = plannedRelease != null && plannedRelease.isBefore(termEnd) ? plannedRelease : termEnd;
        return calendar.workingDayOnOrBefore(jurisdiction, walksOut.minusYears(1));
    }

    /** A configured deadline counted in working days of the jurisdiction's calendar (E4's answer). */
    public LocalDate workingDaysAfter(String jurisdiction, LocalDate from, int workingDays) {
        return calendar.plusWorkingDays(jurisdiction, from, workingDays);
    }

    /** E2 (order 392, cl. 43): two working days after the release, in the jurisdiction's calendar. */
    public LocalDate programmeDelivery(String jurisdiction, LocalDate releaseDate) {
        return calendar.plusWorkingDays(jurisdiction, releaseDate, PROGRAMME_DELIVERY_WORKING_DAYS);
    }
}
