package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPersons;

/** A source's list as the hub took it; the answer to its submission names the persons for the disclosure log. */
public record ReconciliationStatement(String id, ReconciliationSource source, String submittedByCode,
                                      ReconciliationCategory category, String regionCode, LocalDate from, LocalDate to,
                                      int persons, ZonedDateTime receivedAt, List<String> personIds) implements AboutPersons {
}
