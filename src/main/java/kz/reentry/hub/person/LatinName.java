package kz.reentry.hub.person;

public record LatinName(String surname, String givenName, String patronymic) {

    static LatinName of(Person person) {
        return new LatinName(Transliteration.latin(person.surname()), Transliteration.latin(person.givenName()),
                Transliteration.latin(person.patronymic()));
    }
}
