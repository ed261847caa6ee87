package kz.reentry.hub.emergency;

import java.time.ZonedDateTime;

/** The telephone alert to the department's zonal officer (003 cl. 23), as the prosecutor recorded it. */
public record PhoneAlert(String emergencyId, ZonedDateTime calledAt, String to, ZonedDateTime recordedAt,
                         String recordedByCode, String recordedByUser, String note) {
}
