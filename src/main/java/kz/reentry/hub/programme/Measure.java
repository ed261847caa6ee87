package kz.reentry.hub.programme;

import java.time.LocalDate;

import kz.reentry.hub.disclosure.AboutPerson;
import kz.reentry.hub.security.HealthRelated;

public record Measure(String id, String programmeId, String personId, String domain, String description, String responsibleCode,
                      LocalDate deadline, MeasureStatus status) implements HealthRelated, AboutPerson {

    @Override
    public boolean healthRelated() {
        return "HEALTH".equals(domain);
    }
}
