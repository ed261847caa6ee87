package kz.reentry.hub.person;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.graph.Revision;
import kz.reentry.hub.graph.RevisionRepository;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
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
        Person person = persons.findByIins(List.of(iin)).get(iin);
        if (person == null) {
            throw new NotFoundException("No person with IIN " + iin + " is known to the hub");
        }
        return person;
    }

    @EntityMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    List<Person> person(@Argument List<String> iinList) {
        return Batches.inOrder(iinList, persons.findByIins(iinList));
    }

    @BatchMapping
    Map<Person, List<Revision>> history(List<Person> personList) {
        return Batches.matched(personList, Person::iin,
                revisions.historyOf(RevisionRepository.Kept.PERSON, Batches.keys(personList, Person::iin)));
    }
}
