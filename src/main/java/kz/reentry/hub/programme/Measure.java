package kz.reentry.hub.programme;

import java.time.LocalDate;

public record Measure(String id, String programmeId, String domain, String description, String responsibleCode,
                      LocalDate deadline, MeasureStatus status) {
}
