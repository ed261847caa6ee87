package kz.reentry.hub.programme;

import java.time.LocalDate;

import kz.reentry.hub.security.HealthRelated;

public record Measure(String id, String programmeId, String domain, String description, String responsibleCode,
                      LocalDate deadline, MeasureStatus status) implements HealthRelated {

    @Override
    public boolean healthRelated() {
        return "HEALTH".equals(domain);
    }
}
