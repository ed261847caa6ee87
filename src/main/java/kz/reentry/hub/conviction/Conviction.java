package kz.reentry.hub.conviction;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;

/**
 * A court's verdict of guilt for a crime (instruction 7, 003 cl. 29, 52: "repeat crimes" are crimes for which
 * a person released from an institution was convicted). The crime's own date decides whether it is a new one:
 * a verdict after release for a crime committed before it is not a repeat offence.
 *
 * @param offenceOn   the day the crime was committed, as the verdict establishes it
 * @param convictedOn the day of the verdict
 */
public record Conviction(String id, String personId, String court, String article, LocalDate offenceOn,
                         LocalDate convictedOn, String regionCode, String sourceSystem, String sourceMessageId,
                         String recordedBy, ZonedDateTime receivedAt) implements AboutPerson {
}
