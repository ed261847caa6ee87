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
     * E1 (order 392, cl. 50): no later than one year before the end of term; a release registered with
     * less than a year left is due on the day it became known.
     */
    public LocalDate releaseNotice(LocalDate termEnd, LocalDate known) {
        LocalDate yearBefore = termEnd.minusYears(1);
        return yearBefore.isBefore(known) ? known : yearBefore;
    }

    /** E2 (order 392, cl. 43): two working days after the release, in the jurisdiction's calendar. */
    public LocalDate programmeDelivery(String jurisdiction, LocalDate releaseDate) {
        return calendar.plusWorkingDays(jurisdiction, releaseDate, PROGRAMME_DELIVERY_WORKING_DAYS);
    }
}
