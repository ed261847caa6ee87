package kz.reentry.hub.obligation;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/** A duty with a legal deadline, owed by a party, about a person, in a territory. */
public record Obligation(String id, String kind, String personId, String owedByCode, String regionCode,
                         LocalDate dueOn, String status, ZonedDateTime metAt) implements AboutPerson {

    public boolean overdueOn(LocalDate day) {
        return "OPEN".equals(status) && dueOn.isBefore(day);
    }
}
