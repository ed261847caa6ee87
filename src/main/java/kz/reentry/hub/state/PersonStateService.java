package kz.reentry.hub.state;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.programme.ProgrammeDeliveries;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.release.CustodyEpisode;
import kz.reentry.hub.release.CustodyRepository;
import kz.reentry.hub.release.ReleaseType;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CellCount;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/** Records person states as they are reported, and what a release sets in motion. */
@Service
class PersonStateService {

    private static final Set<String> RESTRICTIONS = Set.of("NO_LEAVING_HOME_AT_SET_HOURS", "NO_VISITING_SET_PLACES",
            "NO_LEAVING_DISTRICT_WITHOUT_PERMISSION", "NO_CONTACT_WITH_MINORS", "NO_ALCOHOL");

    private final Driver driver;
    private final PersonStateRepository states;
    private final PersonLookup persons;
    private final RegionRepository regions;
    private final CustodyRepository custody;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;
    private final ProgrammeDeliveries programmeDeliveries;

    PersonStateService(Driver driver, PersonStateRepository states, PersonLookup persons, RegionRepository regions,
                       CustodyRepository custody, ObligationRepository obligations, Deadlines deadlines,
                       ProgrammeDeliveries programmeDeliveries) {
        this.programmeDeliveries = programmeDeliveries;
        this.driver = driver;
        this.states = states;
        this.persons = persons;
        this.regions = regions;
        this.custody = custody;
        this.obligations = obligations;
        this.deadlines = deadlines;
    }

    CellCount count(PersonStateKind kind, LocalDate on, String region) {
        regions.require("region", region);
        return states.count(kind, on, region);
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
                stateId(person.id(), input.sourceSystem(), input.sourceMessageId(), input.kind()), person.id(), input.kind(), input.from(), input.to(), null, restrictions, input.region(),
                input.sourceSystem(), input.sourceMessageId(), Caller.current().client());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> states.record(tx, state));
        }
    }

    /**
     * A release ends custody and opens RELEASED (and PAROLEE for parole, until the end of term); the
     * releasing institution then owes the programme to the destination within 2 working days (E2),
     * and the programme goes into the outbox in the same transaction, carrying who asked and why.
     */
    PersonState recordRelease(PersonStateController.RecordReleaseInput input, String endUser, String purpose) {
        Person person = persons.byId(input.personId(), "input.personId");
        Region destination = regions.require("input.destinationRegion", input.destinationRegion());
        CustodyEpisode episode = person.iin() == null ? null
                : custody.episodesOfPersons(List.of(person.iin())).get(person.iin()).stream().findFirst().orElse(null);
        if (episode != null && input.date().isBefore(episode.termStart())) {
            throw new InvalidArgumentException("input.date", "dates.order",
                    "the release is before the term started (" + episode.termStart() + ")");
        }
        String by = Caller.current().client();
        String id = stateId(person.id(), input.sourceSystem(), input.sourceMessageId(), PersonStateKind.RELEASED);
        var released = new PersonStateRepository.NewState(id, person.id(), PersonStateKind.RELEASED, input.date(), null,
                input.type().name(), List.of(), destination.code(), input.sourceSystem(), input.sourceMessageId(), by);
        String owedBy = episode != null ? episode.institutionCode() : Caller.current().agency();
        LocalDate programmeDue = deadlines.programmeDelivery(destination.jurisdiction(), input.date());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                PersonState state = states.record(tx, released);
                if (input.type() == ReleaseType.PAROLE && episode != null) {
                    states.record(tx, new PersonStateRepository.NewState(id + "/parole", person.id(), PersonStateKind.PAROLEE,
                            input.date(), episode.termEnd(), null, List.of(), destination.code(), input.sourceSystem(),
                            input.sourceMessageId(), by));
                }
                obligations.open(tx, id + "/E2", ObligationKind.E2_PROGRAMME_DELIVERY, person.id(), owedBy,
                        destination.code(), programmeDue);
                programmeDeliveries.enqueue(tx, id + "/E2", person.id(), destination.code(), input.date(),
                        input.type().name(), endUser, purpose, by);
                return state;
            });
        }
    }

    /**
     * The same report twice (same person, system, message and kind) is one state; a report without a
     * message id is new. The person is part of the key: message ids are the reporting systems' own, so
     * the same one may come for another person, whom the caller may not even see; a key without the
     * person made such a report collide with that person's state (and failed, telling the caller that
     * the message id was in use). A name-based UUID keeps the id opaque and of one shape.
     */
    static String stateId(String personId, String sourceSystem, String sourceMessageId, PersonStateKind kind) {
        if (sourceMessageId == null) {
            return UUID.randomUUID().toString();
        }
        String key = String.join("\u001f", "PersonState", personId, sourceSystem, sourceMessageId, kind.name());
        return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
