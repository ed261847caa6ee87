package kz.reentry.hub.person;

import java.time.LocalDate;

public record Person(String iin, String surname, String givenName, String patronymic, LocalDate birthDate,
                     Sex sex, String citizenship) {
}
