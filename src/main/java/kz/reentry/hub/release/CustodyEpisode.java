package kz.reentry.hub.release;

import java.time.LocalDate;

import kz.reentry.hub.disclosure.AboutPerson;

public record CustodyEpisode(String id, String personIin, String article, String court, LocalDate termStart,
                             LocalDate termEnd, LocalDate formalParoleDate, String institutionCode,
                             String personId) implements AboutPerson {
}
