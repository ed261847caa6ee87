package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;

/** A contact of the assigned NGO with the person (E6); {@code personId} lets the disclosure log name whose it is. */
record CaseContact(String id, String referralId, String personId, LocalDate on, String kind, String note,
                   ZonedDateTime recordedAt, String by, String agency) implements AboutPerson {
}
