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
import org.neo4j.driver.TransactionContext;
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
     * A release reported through the API (recordRelease): checked against the person's custody, then
     * recorded in its own transaction by the same step as an E5 release event.
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
        if (input.administrativeSupervisionUntil() != null && !input.administrativeSupervisionUntil().isAfter(input.date())) {
            throw new InvalidArgumentException("input.administrativeSupervisionUntil", "dates.order",
                    "must be after the release date (" + input.date() + ")");
        }
        Caller caller = Caller.current();
        String id = PersonStateRepository.stateId(person.id(), input.sourceSystem(), input.sourceMessageId(), PersonStateKind.RELEASED);
        var release = new Release(id, person.id(), input.date(), input.type(), destination,
                input.administrativeSupervisionUntil(), episode == null ? null : episode.termEnd(),
                episode != null ? episode.institutionCode() : caller.agency(), input.sourceSystem(),
                input.sourceMessageId(), caller.client(), endUser, purpose);
        PersonState recorded;
        try (var session = driver.session()) {
            recorded = session.executeWrite(tx -> recordIn(tx, release));
        }
        events.publishEvent(new ReleaseChanged(person.id()));
        return recorded;
    }

    /**
     * A release that happened: who, on which day, on which grounds, to which region, released by whom.
     *
     * @param supervisionUntil the end of administrative supervision a court set, if any
     * @param termEnd          the end of the term served, for a parolee's PAROLEE state; null when unknown
     * @param releasedBy       the institution (party code) that owes the programme
     */
    record Release(String stateId, String personId, LocalDate date, ReleaseType type, Region destination,
                   LocalDate supervisionUntil, LocalDate termEnd, String releasedBy, String sourceSystem,
                   String sourceMessageId, String by, String endUser, String purpose) {
    }

    /**
     * Inside the caller's transaction, shared by recordRelease and the E5 release event of every
     * channel: the release ends custody and opens RELEASED (PAROLEE for parole until the end of term,
     * ADMINISTRATIVE_SUPERVISION when a court set it); the police of the destination owe the arrival
     * confirmation of a parolee or supervised person (E9); the releasing institution owes the
     * programme to the destination within 2 working days (E2), queued with who asked and why.
     */
    PersonState recordIn(TransactionContext tx, Release release) {
        String id = release.stateId();
        String region = release.destination().code();
        PersonState state = states.record(tx, new PersonStateRepository.NewState(id, release.personId(),
                PersonStateKind.RELEASED, release.date(), null, release.type().name(), List.of(), region,
                release.sourceSystem(), release.sourceMessageId(), release.by()));
        if (release.type() == ReleaseType.PAROLE && release.termEnd() != null) {
            states.record(tx, new PersonStateRepository.NewState(id + "/parole", release.personId(), PersonStateKind.PAROLEE,
                    release.date(), release.termEnd(), null, List.of(), region, release.sourceSystem(),
                    release.sourceMessageId(), release.by()));
        }
        if (release.supervisionUntil() != null) {
            states.record(tx, new PersonStateRepository.NewState(id + "/supervision", release.personId(),
                    PersonStateKind.ADMINISTRATIVE_SUPERVISION, release.date(), release.supervisionUntil(), null, List.of(),
                    region, release.sourceSystem(), release.sourceMessageId(), release.by()));
        }
        if (release.type() == ReleaseType.PAROLE || release.supervisionUntil() != null) {
            arrivals.owe(tx, id, release.personId(), region, release.date());
        }
        // order 392 (cl. 43) is Kazakh law: a release to a destination abroad (Belarus) owes no E2 programme
        if (ReleaseNotices.ORDER_392_JURISDICTION.equals(release.destination().jurisdiction())) {
            LocalDate programmeDue = deadlines.programmeDelivery(release.destination().jurisdiction(), release.date());
            obligations.open(tx, id + "/E2", ObligationKind.E2_PROGRAMME_DELIVERY, release.personId(), release.releasedBy(),
                    region, programmeDue);
            programmeDeliveries.enqueue(tx, id + "/E2", release.personId(), region, release.date(), release.type().name(),
                    release.endUser(), release.purpose(), release.by());
        }
        return state;
    }

    record RecordReleaseInput(String personId, LocalDate date, ReleaseType type, String destinationRegion,
                              LocalDate administrativeSupervisionUntil, String sourceSystem, String sourceMessageId) {
    }
}
