package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;

public record Indicators(LocalDate from, LocalDate to, String regionCode, ZonedDateTime asOf, int released,
                         int withHousing, int employed, int treatmentHandedOver, int repeatOffences) {
}
