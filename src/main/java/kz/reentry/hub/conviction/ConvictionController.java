package kz.reentry.hub.conviction;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ConvictionController {

    private final ConvictionRepository convictions;
    private final PersonLookup persons;
    private final RegionRepository regions;
    private final ReferencedRecords referenced;

    ConvictionController(ConvictionRepository convictions, PersonLookup persons, RegionRepository regions,
                         ReferencedRecords referenced) {
        this.convictions = convictions;
        this.persons = persons;
        this.regions = regions;
        this.referenced = referenced;
    }

    /** A court (or the penal system, which receives the verdict to execute it) reports a conviction. */
    @MutationMapping
    @PreAuthorize("hasRole('CONVICTION_WRITE')")
    Conviction recordConviction(@Argument RecordConvictionInput input) {
        Person person = persons.byId(input.personId(), "input.personId");
        if (input.convictedOn().isBefore(input.offenceOn())) {
            throw new InvalidArgumentException("input.convictedOn", "dates.order",
                    "a verdict cannot come before the crime (" + input.offenceOn() + ")");
        }
        if (input.court().isBlank() || input.article().isBlank() || input.sourceSystem().isBlank()) {
            throw new InvalidArgumentException(input.court().isBlank() ? "input.court" : input.article().isBlank()
                    ? "input.article" : "input.sourceSystem", "required", "must not be blank");
        }
        regions.require("input.region", input.region());
        return convictions.record(new ConvictionRepository.NewConviction(person.id(), input.court().strip(),
                input.article().strip(), input.offenceOn(), input.convictedOn(), input.region(), input.sourceSystem().strip(),
                input.sourceMessageId()), Caller.current().client());
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Conviction>> convictions(List<Person> personList) {
        return Batches.matched(personList, Person::id, convictions.ofPersons(Batches.keys(personList, Person::id)));
    }

    @BatchMapping
    Map<Conviction, Region> region(List<Conviction> list) {
        return referenced.regions(list, Conviction::regionCode);
    }

    record RecordConvictionInput(String personId, String court, String article, LocalDate offenceOn, LocalDate convictedOn,
                                 String region, String sourceSystem, String sourceMessageId) {
    }
}
