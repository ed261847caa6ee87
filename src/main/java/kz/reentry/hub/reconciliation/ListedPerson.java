package kz.reentry.hub.reconciliation;

import java.time.LocalDate;

/**
 * A person as one source lists them. {@code key} says who they are across sources: the hub's id where the hub
 * knows the person (by the IIN, or the id the source gave), else {@code iin:<IIN>}.
 */
record ListedPerson(String key, String personId, String iin, String surname, String givenName, String patronymic,
                    LocalDate birthDate) {
}
