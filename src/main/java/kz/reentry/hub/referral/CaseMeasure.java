package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;

/** A measure the assigned NGO took for the person (E6), for a programme measure ({@code measureId}) or not. */
record CaseMeasure(String id, String referralId, String personId, LocalDate on, String measureId, String domain,
                   String note, ZonedDateTime recordedAt, String by, String agency) implements AboutPerson {
}
