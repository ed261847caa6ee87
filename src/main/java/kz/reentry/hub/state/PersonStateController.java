package kz.reentry.hub.state;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.security.CellCount;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class PersonStateController {

    private final PersonStateRepository states;
    private final PersonStateService service;
    private final ReferencedRecords referenced;

    PersonStateController(PersonStateRepository states, PersonStateService service, ReferencedRecords referenced) {
        this.states = states;
        this.service = service;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    CellCount personStateCount(@Argument PersonStateKind state, @Argument LocalDate on, @Argument String region) {
        return service.count(state, on, region);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PERSON_STATE_WRITE')")
    PersonState recordPersonState(@Argument RecordPersonStateInput input) {
        return service.record(input);
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<PersonState>> states(List<Person> personList) {
        return Batches.matched(personList, Person::id, states.statesOf(Batches.keys(personList, Person::id)));
    }

    @BatchMapping
    Map<PersonState, Region> region(List<PersonState> list) {
        return referenced.regions(list, PersonState::regionCode);
    }

    record RecordPersonStateInput(String personId, PersonStateKind kind, LocalDate from, LocalDate to, String region,
                                  List<String> restrictions, String sourceSystem, String sourceMessageId) {
    }
}
