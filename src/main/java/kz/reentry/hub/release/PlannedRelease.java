package kz.reentry.hub.release;

import java.time.LocalDate;

import kz.reentry.hub.disclosure.AboutPerson;

public record PlannedRelease(String id, String custodyEpisodeId, String personIin, LocalDate date, ReleaseType type,
                             String residenceRegionCode, String personId) implements AboutPerson {
}
