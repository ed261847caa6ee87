package kz.reentry.hub.obligation;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A duty with a legal deadline, owed by a party, about a person (or, for E7, about an emergency in an
 * institution: then {@code personId} is null and {@code emergencyId} names it), in a territory.
 * Most deadlines are days ({@code dueOn}: overdue the day after); a deadline in hours of real time
 * (E7's special message, 3 hours) has its instant too ({@code dueAt}: overdue the moment after it,
 * at night, on a weekend or a holiday alike), with {@code dueOn} the day it falls on.
 *
 * @param registeredOn the day the hub first learned of the duty (after dueOn when it arrived late)
 */
public record Obligation(String id, String kind, String personId, String owedByCode, String regionCode,
                         LocalDate dueOn, String status, ZonedDateTime metAt, LocalDate registeredOn,
                         ZonedDateTime dueAt, String emergencyId)
        implements AboutPerson {

    public boolean overdueOn(LocalDate day) {
        return "OPEN".equals(status) && dueOn.isBefore(day);
    }

    /** Open past its due date, met after it, or already past it when the hub learned of it. */
    public boolean lateOn(LocalDate day) {
        return overdueOn(day) || (registeredOn != null && registeredOn.isAfter(dueOn))
                || (metAt != null && metAt.toLocalDate().isAfter(dueOn));
    }

    /** Overdue now: past its instant when it has one (hours), else past its day (days, by {@code today}). */
    public boolean overdueAt(Instant now, LocalDate today) {
        return dueAt == null ? overdueOn(today) : "OPEN".equals(status) && dueAt.toInstant().isBefore(now);
    }

    /** Late now: overdue, or met after its instant when it has one; for a duty in days, {@link #lateOn}. */
    public boolean lateAt(Instant now, LocalDate today) {
        return dueAt == null ? lateOn(today)
                : overdueAt(now, today) || metAt != null && metAt.toInstant().isAfter(dueAt.toInstant());
    }
}
