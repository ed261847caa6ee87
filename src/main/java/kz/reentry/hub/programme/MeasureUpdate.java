package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;
import kz.reentry.hub.security.HealthRelated;

/** One change of a measure, with the state it left the measure in and who made it. */
public record MeasureUpdate(String measureId, String personId, String domain, ZonedDateTime at, String by, String agency, String status,
                            LocalDate deadline, String responsible, String note) implements HealthRelated, AboutPerson {

    @Override
    public boolean healthRelated() {
        return "HEALTH".equals(domain);
    }
}
