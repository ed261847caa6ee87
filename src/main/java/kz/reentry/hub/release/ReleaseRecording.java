package kz.reentry.hub.release;

import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.programme.ProgrammeDeliveries;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.state.PersonState;
import kz.reentry.hub.state.PersonStateKind;
import kz.reentry.hub.state.PersonStateRepository;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.neo4j.driver.Driver;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Records a release reported after the fact (recordRelease), and the E2 duty it sets in motion. */
@Service
class ReleaseRecording {

    private final Driver driver;
    private final PersonStateRepository states;
    private final PersonLookup persons;
    private final RegionRepository regions;
    private final CustodyRepository custody;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;
    private final ProgrammeDeliveries programmeDeliveries;
    private final ApplicationEventPublisher events;
    private final ArrivalConfirmations arrivals;

    ReleaseRecording(Driver driver, PersonStateRepository states, PersonLookup persons, RegionRepository regions,
                     CustodyRepository custody, ObligationRepository obligations, Deadlines deadlines,
                     ProgrammeDeliveries programmeDeliveries, ApplicationEventPublisher events,
                     ArrivalConfirmations arrivals) {
        this.arrivals = arrivals;
        this.events = events;
        this.driver = driver;
        this.states = states;
        this.persons = persons;
        this.regions = regions;
        this.custody = custody;
        this.obligations = obligations;
        this.deadlines = deadlines;
        this.programmeDeliveries = programmeDeliveries;
    }

    /**
     * A release ends custody and opens RELEASED (and PAROLEE for parole, until the end of term); the
     * releasing institution then owes the programme to the destination within 2 working days (E2),
     * and the programme goes into the outbox in the same transaction, carrying who asked and why.
     */
    PersonState record(RecordReleaseInput input, String endUser, String purpose) {
        Person person = persons.byId(input.personId(), "input.personId");
        Region destination = regions.require("input.destinationRegion", input.destinationRegion());
        CustodyEpisode episode = person.iin() == null ? null
                : custody.episodesOfPersons(List.of(person.iin())).get(person.iin()).stream().findFirst().orElse(null);
        if (episode != null && input.date().isBefore(episode.termStart())) {
            throw new InvalidArgumentException("input.date", "dates.order",
                    "the release is before the term started (" + episode.termStart() + ")");
        }
        String by = Caller.current().client();
        String id = PersonStateRepository.stateId(person.id(), input.sourceSystem(), input.sourceMessageId(), PersonStateKind.RELEASED);
        var released = new PersonStateRepository.NewState(id, person.id(), PersonStateKind.RELEASED, input.date(), null,
                input.type().name(), List.of(), destination.code(), input.sourceSystem(), input.sourceMessageId(), by);
        String owedBy = episode != null ? episode.institutionCode() : Caller.current().agency();
        // order 392 (cl. 43) is Kazakh law: a release to a destination abroad (Belarus) owes no E2 programme
        boolean order392 = ReleaseNotices.ORDER_392_JURISDICTION.equals(destination.jurisdiction());
        LocalDate programmeDue = deadlines.programmeDelivery(destination.jurisdiction(), input.date());
        PersonState recorded;
        try (var session = driver.session()) {
            recorded = session.executeWrite(tx -> {
                PersonState state = states.record(tx, released);
                if (input.type() == ReleaseType.PAROLE && episode != null) {
                    states.record(tx, new PersonStateRepository.NewState(id + "/parole", person.id(), PersonStateKind.PAROLEE,
                            input.date(), episode.termEnd(), null, List.of(), destination.code(), input.sourceSystem(),
                            input.sourceMessageId(), by));
                }
                if (input.type() == ReleaseType.PAROLE) {
                    arrivals.owe(tx, id, person.id(), destination.code(), input.date());
                }
                if (order392) {
                    obligations.open(tx, id + "/E2", ObligationKind.E2_PROGRAMME_DELIVERY, person.id(), owedBy,
                            destination.code(), programmeDue);
                    programmeDeliveries.enqueue(tx, id + "/E2", person.id(), destination.code(), input.date(),
                            input.type().name(), endUser, purpose, by);
                }
                return state;
            });
        }
        events.publishEvent(new ReleaseChanged(person.id()));
        return recorded;
    }

    record RecordReleaseInput(String personId, LocalDate date, ReleaseType type, String destinationRegion,
                              String sourceSystem, String sourceMessageId) {
    }
}
