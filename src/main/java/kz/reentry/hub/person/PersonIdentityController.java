package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Finding persons by any identifier or by name, and recording their identities and name spellings. */
@Controller
class PersonIdentityController {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Longer than any series and number of the kinds the hub knows (a passport: up to 12 characters and a series). */
    private static final int MAX_IDENTIFIER_LENGTH = 40;

    private final PersonRepository persons;
    private final PersonIdentityRepository identities;
    private final PersonLookup lookup;
    private final PersonSearch search;
    private final CallerScopes scopes;

    PersonIdentityController(PersonRepository persons, PersonIdentityRepository identities, PersonLookup lookup,
                             PersonSearch search, CallerScopes scopes) {
        this.search = search;
        this.scopes = scopes;
        this.persons = persons;
        this.identities = identities;
        this.lookup = lookup;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Person personById(@Argument String id) {
        return lookup.byId(id, "id");
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Person personByIdentifier(@Argument IdentifierKind kind, @Argument String value) {
        String normalized = value.strip().toUpperCase(Locale.ROOT);
        if (normalized.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidArgumentException("value", "identifier.length", "must be at most "
                    + MAX_IDENTIFIER_LENGTH + " characters (series and number), not " + normalized.length());
        }
        // one scoped statement: a person outside the caller's rows costs and answers the same as an unknown identifier
        return persons.findByIdentity(kind.key(normalized))
                .orElseThrow(() -> new NotFoundException("No person with " + kind + " " + normalized + " is known to the hub"));
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    PersonSearch.SearchResults searchPersons(@Argument String name, @Argument Integer first, @Argument String after) {
        return search.search(name, first, after);
    }

    @MutationMapping
    @PreAuthorize("hasRole('IDENTITY_WRITE')")
    Person addIdentity(@Argument AddIdentityInput input) {
        Person person = lookup.byId(input.personId(), "input.personId");
        var identity = checked(new NewIdentityInput(input.kind(), input.number(), input.series(), input.issuer(),
                input.issuedOn(), input.validTo(), input.country()), "input");
        identities.addIdentity(person.id(), identity, Caller.current().client(), scopes.currentPersonScope())
                .ifPresent(other -> identityTaken("input.number"));
        return person;
    }

    @MutationMapping
    @PreAuthorize("hasRole('IDENTITY_WRITE')")
    Person registerPerson(@Argument RegisterPersonInput input) {
        requireText(input.surname(), "input.surname");
        requireText(input.givenName(), "input.givenName");
        if (input.birthDate().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.birthDate", "date.future", "must not be in the future");
        }
        if (!COUNTRIES.contains(input.citizenship())) {
            throw new InvalidArgumentException("input.citizenship", "country.code", "must be an ISO 3166-1 alpha-2 code such as BY");
        }
        var identity = checked(input.identity(), "input.identity");
        if (identity.kind() == IdentifierKind.KZ_IIN && !new Iin(identity.number()).birthDate().equals(input.birthDate())) {
            throw new InvalidArgumentException("input.birthDate", "iin.birthDate", "does not agree with the IIN");
        }
        var registration = identities.register(new PersonIdentityRepository.NewPerson(input.surname().strip(),
                input.givenName().strip(), blankToNull(input.patronymic()), input.birthDate(), input.sex().name(),
                input.citizenship()), identity, Caller.current().client(), Caller.current().agency(),
                scopes.currentPersonScope());
        if (registration.identityHeldBy() != null) {
            identityTaken("input.identity.number");
        }
        return lookup.byId(registration.personId(), "input");
    }

    /** Normalises and checks an identity: its number's shape for its kind, the country, the dates. */
    private static PersonIdentityRepository.NewIdentity checked(NewIdentityInput input, String path) {
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

    private static void identityTaken(String argument) {
        throw new InvalidArgumentException(argument, "identity.taken",
                "is already recorded for another person; merge the records before adding it here");
    }

    private static void requireText(String text, String argument) {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException(argument, "required", "must not be blank");
        }
    }

    @MutationMapping
    @PreAuthorize("hasRole('IDENTITY_WRITE')")
    Person addNameVariant(@Argument AddNameVariantInput input) {
        Person person = lookup.byId(input.personId(), "input.personId");
        requireText(input.surname(), "input.surname");
        identities.addNameVariant(person.id(), input.surname().strip(), blankToNull(input.givenName()),
                blankToNull(input.patronymic()), input.source(), Caller.current().client());
        return person;
    }

    @SchemaMapping(typeName = "Person")
    LatinName latinName(Person person) {
        return LatinName.of(person);
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Identity>> identities(List<Person> personList) {
        return Batches.matched(personList, Person::id, identities.identitiesOf(Batches.keys(personList, Person::id)));
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<NameVariant>> nameVariants(List<Person> personList) {
        return Batches.matched(personList, Person::id, identities.variantsOf(Batches.keys(personList, Person::id)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record AddIdentityInput(String personId, IdentifierKind kind, String number, String series, String issuer,
                            LocalDate issuedOn, LocalDate validTo, String country) {
    }

    record NewIdentityInput(IdentifierKind kind, String number, String series, String issuer, LocalDate issuedOn,
                            LocalDate validTo, String country) {
    }

    record RegisterPersonInput(String surname, String givenName, String patronymic, LocalDate birthDate, Sex sex,
                               String citizenship, NewIdentityInput identity) {
    }

    record AddNameVariantInput(String personId, String surname, String givenName, String patronymic, String source) {
    }
}
