package kz.reentry.hub.person;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.history.Revision;
import kz.reentry.hub.history.RevisionRepository;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class PersonController {

    private final PersonRepository persons;
    private final RevisionRepository revisions;

    PersonController(PersonRepository persons, RevisionRepository revisions) {
        this.persons = persons;
        this.revisions = revisions;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Person person(@Argument String iin) {
        Iin.check(iin).ifPresent(problem -> {
            throw new InvalidArgumentException("iin", problem.rule(), problem.message());
        });
        Person person = persons.lookUpByIins(List.of(iin)).get(iin);
        if (person == null) {
            throw new NotFoundException("No person with IIN " + iin + " is known to the hub");
        }
        return person;
    }

    /**
     * All Person representations of one {@code _entities} request, by either key, in one query;
     * each representation carries one key and the other list holds null at its position.
     */
    @EntityMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    List<Person> person(@Argument List<String> iinList, @Argument List<String> idList) {
        List<Person> found = persons.findByKeys(iinList.stream().filter(Objects::nonNull).toList(),
                idList.stream().filter(Objects::nonNull).toList());
        Map<String, Person> byIin = PersonRepository.byAskedIin(found, iinList.stream().filter(Objects::nonNull).toList());
        Map<String, Person> byId = found.stream().collect(Collectors.toMap(Person::id, p -> p));
        return IntStream.range(0, iinList.size())
                .mapToObj(i -> iinList.get(i) != null ? byIin.get(iinList.get(i)) : byId.get(idList.get(i)))
                .toList();
    }

    /** The IIN held or, on a record that claims one, claimed: what the person was registered with. */
    @SchemaMapping
    String iin(Person person) {
        return person.shownIin();
    }

    @BatchMapping
    Map<Person, List<Revision>> history(List<Person> personList) {
        return Batches.matchedLists(personList, Person::iin,
                revisions.historyOf(RevisionRepository.RevisedEntity.PERSON, Batches.keys(personList, Person::iin)));
    }
}
