package kz.reentry.hub.obligation;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A duty with a legal deadline, owed by a party, about a person, in a territory.
 *
 * @param registeredOn the day the hub first learned of the duty (after dueOn when it arrived late)
 */
public record Obligation(String id, String kind, String personId, String owedByCode, String regionCode,
                         LocalDate dueOn, String status, ZonedDateTime metAt, LocalDate registeredOn)
        implements AboutPerson {

    public boolean overdueOn(LocalDate day) {
        return "OPEN".equals(status) && dueOn.isBefore(day);
    }

    /** Open past its due date, met after it, or already past it when the hub learned of it. */
    public boolean lateOn(LocalDate day) {
        return overdueOn(day) || (registeredOn != null && registeredOn.isAfter(dueOn))
                || (metAt != null && metAt.toLocalDate().isAfter(dueOn));
    }
}
