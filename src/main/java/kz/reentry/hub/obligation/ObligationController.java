package kz.reentry.hub.obligation;

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

    ObligationController(ObligationRepository obligations, ReferencedRecords referenced, CallerScopes scopes) {
        this.scopes = scopes;
        this.obligations = obligations;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<Obligation> overdueObligations(@Argument String party, @Argument String region, @Argument LocalDate asOf,
                                              @Argument Integer first, @Argument String after) {
        return obligations.overdue(party, region, asOf == null ? LocalDate.now() : asOf, PageSize.check(first),
                Cursor.decode(after, "obligation", 2, "after"), scopes.currentPersonScope(),
                scopes.currentHealthScope());
    }

    /** Due by a day is overdue the day after: one query serves both. */
    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<Obligation> dueObligations(@Argument String party, @Argument String region, @Argument LocalDate until,
                                          @Argument Integer first, @Argument String after) {
        return obligations.overdue(party, region, (until == null ? LocalDate.now() : until).plusDays(1),
                PageSize.check(first), Cursor.decode(after, "obligation", 2, "after"), scopes.currentPersonScope(),
                scopes.currentHealthScope());
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Obligation>> obligations(List<Person> personList) {
        return Batches.matched(personList, Person::id, obligations.ofPersons(Batches.keys(personList, Person::id),
                scopes.currentHealthScope()));
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
        return obligation.overdueOn(LocalDate.now());
    }

    @SchemaMapping
    boolean late(Obligation obligation) {
        return obligation.lateOn(LocalDate.now());
    }
}
