package kz.reentry.hub.person;

import java.time.LocalDate;

/** An identity number or document of a person. */
public record Identity(String personId, String kind, String value, String series, String number, String issuer,
                       LocalDate issuedOn, LocalDate validTo, String country) {
}
