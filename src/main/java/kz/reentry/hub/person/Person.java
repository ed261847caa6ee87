package kz.reentry.hub.person;

import java.time.LocalDate;

/** @param id the hub's own id; {@code iin} is the Kazakh identifier */
public record Person(String id, String iin, String surname, String givenName, String patronymic, LocalDate birthDate,
                     Sex sex, String citizenship, String sourceMessageId) {
}
