package kz.reentry.hub.obligation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.DerivedIds;
import kz.reentry.hub.territory.Region;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ObligationController {

    private final ObligationRepository obligations;
    private final ReferencedRecords referenced;
    private final CallerScopes scopes;
    private final Clock clock;

    private final DerivedIds ids;

    ObligationController(ObligationRepository obligations, ReferencedRecords referenced, CallerScopes scopes, Clock clock,
                         DerivedIds ids) {
        this.ids = ids;
        this.scopes = scopes;
        this.obligations = obligations;
        this.referenced = referenced;
        this.clock = clock;
    }

    /**
     * Without asOf: duties in days past today, duties in hours (E7) past this moment of the hub's clock.
     * With asOf: both as the day begins (a duty due at 01:30 that day is not yet overdue).
     */
    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<Obligation> overdueObligations(@Argument String party, @Argument String region, @Argument LocalDate asOf,
                                              @Argument Integer first, @Argument String after) {
        return obligations.overdue(party, region, asOf == null ? LocalDate.now() : asOf,
                asOf == null ? clock.instant() : asOf.atStartOfDay(clock.getZone()).toInstant(), PageSize.check(first),
                Cursor.decode(after, "obligation", 2, "after"), scopes.currentPersonScope(),
                scopes.currentEmergencyScope(), scopes.currentHealthScope());
    }

    /** Due by a day is overdue the day after: one query serves both (for duties in hours: due before the next day begins). */
    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<Obligation> dueObligations(@Argument String party, @Argument String region, @Argument LocalDate until,
                                          @Argument Integer first, @Argument String after) {
        LocalDate dayAfter = (until == null ? LocalDate.now() : until).plusDays(1);
        LocalDate hoursDayAfter = (until == null ? LocalDate.now(clock) : until).plusDays(1);
        return obligations.overdue(party, region, dayAfter, hoursDayAfter.atStartOfDay(clock.getZone()).toInstant(),
                PageSize.check(first), Cursor.decode(after, "obligation", 2, "after"), scopes.currentPersonScope(),
                scopes.currentEmergencyScope(), scopes.currentHealthScope());
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Obligation>> obligations(List<Person> personList) {
        return Batches.matched(personList, Person::id, obligations.ofPersons(Batches.keys(personList, Person::id),
                scopes.currentHealthScope()));
    }

    /** An E1 notice's id holds its custody episode's key, with the term start: sealed for a caller who may not see it. */
    @SchemaMapping
    String id(Obligation obligation) {
        return ids.shown(obligation.id());
    }

    @BatchMapping
    Map<Obligation, Person> person(List<Obligation> list) {
        return referenced.persons(list, Obligation::personId);
    }

    @BatchMapping
    Map<Obligation, Party> owedBy(List<Obligation> list) {
        return referenced.parties(list, Obligation::owedByCode);
    }

    @BatchMapping
    Map<Obligation, Region> region(List<Obligation> list) {
        return referenced.regions(list, Obligation::regionCode);
    }

    @SchemaMapping
    boolean overdue(Obligation obligation) {
        return obligation.overdueAt(clock.instant(), LocalDate.now());
    }

    @SchemaMapping
    boolean late(Obligation obligation) {
        return obligation.lateAt(clock.instant(), LocalDate.now());
    }
}
