package kz.reentry.hub.release;

import java.time.LocalDate;

public record PlannedRelease(String id, String custodyEpisodeId, String personIin, LocalDate date, ReleaseType type,
                             String residenceRegionCode) {
}
