package kz.reentry.hub.release;

import java.time.LocalDate;

public record CustodyEpisode(String id, String personIin, String article, String court, LocalDate termStart,
                             LocalDate termEnd, LocalDate formalParoleDate, String institutionCode) {
}
