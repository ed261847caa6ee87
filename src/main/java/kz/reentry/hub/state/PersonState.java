package kz.reentry.hub.state;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A time-bounded fact about a person, with its provenance: from which system and message it came,
 * and when the hub received it. {@code to} is null while the state lasts.
 */
public record PersonState(String id, String personId, PersonStateKind kind, LocalDate from, LocalDate to,
                          String releaseType, List<String> restrictions, String regionCode, String sourceSystem,
                          String sourceMessageId, ZonedDateTime receivedAt) implements AboutPerson {
}
