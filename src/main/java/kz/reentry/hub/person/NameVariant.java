package kz.reentry.hub.person;

public record NameVariant(String personId, String surname, String givenName, String patronymic, String source) {
}
