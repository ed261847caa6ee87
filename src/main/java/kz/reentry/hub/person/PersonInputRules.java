package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import kz.reentry.hub.api.InvalidArgumentException;

/**
 * The checks on what a caller sends to register a person or record an identity, each failing with the
 * argument and rule a client can act on; the controller only maps operations.
 */
final class PersonInputRules {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Longer than any series and number of the kinds the hub knows (a passport: up to 12 characters and a series). */
    private static final int MAX_IDENTIFIER_LENGTH = 40;

    private PersonInputRules() {
    }

    /** An identifier to look a person up by, normalised (upper case, no surrounding space). */
    static String identifierValue(String value, String argument) {
        String normalized = value.strip().toUpperCase(Locale.ROOT);
        if (normalized.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidArgumentException(argument, "identifier.length", "must be at most "
                    + MAX_IDENTIFIER_LENGTH + " characters (series and number), not " + normalized.length());
        }
        return normalized;
    }

    /** A new person's names, birth date and citizenship, and the identity they are registered with. */
    static PersonIdentityRepository.NewIdentity registration(PersonIdentityController.RegisterPersonInput input) {
        requireText(input.surname(), "input.surname");
        requireText(input.givenName(), "input.givenName");
        if (input.birthDate().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.birthDate", "date.future", "must not be in the future");
        }
        if (!COUNTRIES.contains(input.citizenship())) {
            throw new InvalidArgumentException("input.citizenship", "country.code", "must be an ISO 3166-1 alpha-2 code such as BY");
        }
        var identity = identity(input.identity(), "input.identity");
        if (identity.kind() == IdentifierKind.KZ_IIN && !new Iin(identity.number()).birthDate().equals(input.birthDate())) {
            throw new InvalidArgumentException("input.birthDate", "iin.birthDate", "does not agree with the IIN");
        }
        return identity;
    }

    /** Normalises and checks an identity: its number's shape for its kind, the country, the dates. */
    static PersonIdentityRepository.NewIdentity identity(PersonIdentityController.NewIdentityInput input, String path) {
        String number = input.number().strip().toUpperCase(Locale.ROOT);
        input.kind().check(number).ifPresent(problem -> {
            throw new InvalidArgumentException(path + ".number", problem.rule(), problem.message());
        });
        if (!COUNTRIES.contains(input.country())) {
            throw new InvalidArgumentException(path + ".country", "country.code", "must be an ISO 3166-1 alpha-2 code such as BY");
        }
        if (input.issuedOn() != null && input.validTo() != null && input.validTo().isBefore(input.issuedOn())) {
            throw new InvalidArgumentException(path + ".validTo", "dates.order", "must not be before issuedOn");
        }
        String series = input.series() == null || input.series().isBlank() ? null : input.series().strip().toUpperCase(Locale.ROOT);
        return new PersonIdentityRepository.NewIdentity(input.kind(), series, number, input.issuer(), input.issuedOn(),
                input.validTo(), input.country());
    }

    /** Another person the caller sees holds the identity. */
    static void identityTaken(String argument) {
        throw new InvalidArgumentException(argument, "identity.taken",
                "is already recorded for another person; merge the records before adding it here");
    }

    static void requireText(String text, String argument) {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException(argument, "required", "must not be blank");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
