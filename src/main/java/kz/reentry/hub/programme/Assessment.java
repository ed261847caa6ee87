package kz.reentry.hub.programme;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.LocalDate;
import java.util.List;

public record Assessment(String id, String personId, LocalDate assessedOn, String instrument, int riskScore,
                         String riskLevel, List<String> needs, String assessedByCode) implements AboutPerson {
}
