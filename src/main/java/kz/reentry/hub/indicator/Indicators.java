package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.security.CellCount;

/** The counts carry their cell keys: the access policy's small-cell rule decides what each party is told of them. */
public record Indicators(LocalDate from, LocalDate to, String regionCode, ZonedDateTime asOf, CellCount released,
                         CellCount withHousing, CellCount employed, CellCount treatmentHandedOver,
                         CellCount repeatOffences) {
}
