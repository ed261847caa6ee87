package kz.reentry.hub.programme;

import kz.reentry.hub.disclosure.AboutPerson;

import java.time.ZonedDateTime;

public record Programme(String id, String personId, String status, ZonedDateTime createdAt, String drawnUpByCode,
                        String assessmentId, ZonedDateTime closedAt, String closingNote) implements AboutPerson {
}
