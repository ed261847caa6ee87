package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
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
    Person personByIdentifier(@Argument IdentifierKind kind, @Argument String value) {
        String normalized = PersonInputRules.identifierValue(value, "value");
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
        var identity = PersonInputRules.identity(new NewIdentityInput(input.kind(), input.number(), input.series(),
                input.issuer(), input.issuedOn(), input.validTo(), input.country()), "input");
        identities.addIdentity(person.id(), identity, Caller.current().client(), scopes.currentPersonScope())
                .ifPresent(other -> PersonInputRules.identityTaken("input.number"));
        return person;
    }

    @MutationMapping
    @PreAuthorize("hasRole('IDENTITY_WRITE')")
    Person registerPerson(@Argument RegisterPersonInput input) {
        var identity = PersonInputRules.registration(input);
        var registration = identities.register(new PersonIdentityRepository.NewPerson(input.surname().strip(),
                input.givenName().strip(), PersonInputRules.blankToNull(input.patronymic()), input.birthDate(), input.sex().name(),
                input.citizenship()), identity, Caller.current().client(), Caller.current().agency(),
                scopes.currentPersonScope());
        if (registration.identityHeldBy() != null) {
            PersonInputRules.identityTaken("input.identity.number");
        }
        return lookup.byId(registration.personId(), "input");
    }

    @MutationMapping
    @PreAuthorize("hasRole('IDENTITY_WRITE')")
    Person addNameVariant(@Argument AddNameVariantInput input) {
        Person person = lookup.byId(input.personId(), "input.personId");
        PersonInputRules.requireText(input.surname(), "input.surname");
        identities.addNameVariant(person.id(), input.surname().strip(), PersonInputRules.blankToNull(input.givenName()),
                PersonInputRules.blankToNull(input.patronymic()), input.source(), Caller.current().client());
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
