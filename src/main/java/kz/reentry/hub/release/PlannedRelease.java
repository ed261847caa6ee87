package kz.reentry.hub.release;

import java.time.LocalDate;

import kz.reentry.hub.disclosure.AboutPerson;

/** A release ahead as the penal system announced it, with what the E1 notice tells (order 392 cl. 50). */
public record PlannedRelease(String id, String custodyEpisodeId, String personIin, LocalDate date, ReleaseType type,
                             String residenceRegionCode, String personId, String housing, CapacityToWork capacityToWork,
                             String specialities, String residenceDistrict) implements AboutPerson {
}
