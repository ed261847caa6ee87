package kz.reentry.hub.state;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.CellCount;
import kz.reentry.hub.territory.RegionRepository;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/** Records person states as they are reported (a release, which sets more in motion, is recorded by release.ReleaseRecording). */
@Service
class PersonStateService {

    private static final Set<String> RESTRICTIONS = Set.of("NO_LEAVING_HOME_AT_SET_HOURS", "NO_VISITING_SET_PLACES",
            "NO_LEAVING_DISTRICT_WITHOUT_PERMISSION", "NO_CONTACT_WITH_MINORS", "NO_ALCOHOL");

    private final Driver driver;
    private final PersonStateRepository states;
    private final PersonLookup persons;
    private final RegionRepository regions;

    private final CallerScopes scopes;

    PersonStateService(Driver driver, PersonStateRepository states, PersonLookup persons, RegionRepository regions,
                       CallerScopes scopes) {
        this.scopes = scopes;
        this.driver = driver;
        this.states = states;
        this.persons = persons;
        this.regions = regions;
    }

    CellCount count(PersonStateKind kind, LocalDate on, String region) {
        regions.require("region", region);
        return states.count(kind, on, region, scopes.currentJurisdiction());
    }

    PersonState record(PersonStateController.RecordPersonStateInput input) {
        Person person = persons.byId(input.personId(), "input.personId");
        if (input.to() != null && input.to().isBefore(input.from())) {
            throw new InvalidArgumentException("input.to", "dates.order", "must not be before 'from' (" + input.from() + ")");
        }
        if (input.kind() == PersonStateKind.RELEASED) {
            throw new InvalidArgumentException("input.kind", "state.release", "a release is recorded with recordRelease");
        }
        List<String> restrictions = input.restrictions() == null ? List.of() : input.restrictions();
        if (!restrictions.isEmpty() && input.kind() != PersonStateKind.ADMINISTRATIVE_SUPERVISION) {
            throw new InvalidArgumentException("input.restrictions", "state.restrictions",
                    "only administrative supervision carries court restrictions");
        }
        restrictions.stream().filter(r -> !RESTRICTIONS.contains(r)).findFirst().ifPresent(r -> {
            throw new InvalidArgumentException("input.restrictions", "enum", "'" + r + "' is not a supervision restriction");
        });
        regions.require("input.region", input.region());
        var state = new PersonStateRepository.NewState(
                PersonStateRepository.stateId(person.id(), input.sourceSystem(), input.sourceMessageId(), input.kind()), person.id(), input.kind(), input.from(), input.to(), null, restrictions, input.region(),
                input.sourceSystem(), input.sourceMessageId(), Caller.current().client());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> states.record(tx, state));
        }
    }
}
