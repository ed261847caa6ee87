package kz.reentry.hub.programme;

import java.time.ZonedDateTime;

public record Programme(String id, String personId, String status, ZonedDateTime createdAt, String drawnUpByCode,
                        String assessmentId, ZonedDateTime closedAt, String closingNote) {
}
