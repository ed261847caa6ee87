package kz.reentry.hub.obligation;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/** A duty with a legal deadline, owed by a party, about a person, in a territory. */
public record Obligation(String id, String kind, String personId, String owedByCode, String regionCode,
                         LocalDate dueOn, String status, ZonedDateTime metAt) {

    public boolean overdueOn(LocalDate day) {
        return "OPEN".equals(status) && dueOn.isBefore(day);
    }
}
