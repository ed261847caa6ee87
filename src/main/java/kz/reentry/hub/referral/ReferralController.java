package kz.reentry.hub.referral;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

@Controller
class ReferralController {

    private final ReferralRepository referrals;
    private final ReferralService service;
    private final ReferralEvents events;
    private final ReferencedRecords referenced;
    private final CallerScopes scopes;

    ReferralController(ReferralRepository referrals, ReferralService service, ReferralEvents events,
                       ReferencedRecords referenced, CallerScopes scopes) {
        this.scopes = scopes;
        this.referrals = referrals;
        this.service = service;
        this.events = events;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<Referral> referrals(@Argument String status, @Argument String kind, @Argument String to,
                                   @Argument Integer first, @Argument String after) {
        return referrals.page(status, kind, to, PageSize.check(first), Cursor.decode(after, "referral", 1, "after"),
                scopes.currentPersonScope(), scopes.currentHealthScope());
    }

    /** NGO case pull (E6): the cursor is the number of the last change the NGO has seen. */
    @QueryMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Connection<Referral> myAssignedCases(@Argument String updatedSince, @Argument Integer first) {
        Cursor since = Cursor.decode(updatedSince, "cases", 1, "updatedSince");
        return referrals.assignedSince(Caller.current().agency(), since == null ? 0 : Long.parseLong(since.key(0)),
                PageSize.check(first));
    }

    @MutationMapping
    @PreAuthorize("hasRole('REFERRAL_WRITE')")
    Referral openReferral(@Argument OpenReferralInput input) {
        return service.open(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('REFERRAL_WRITE') or hasRole('REFERRAL_RECEIVE')")
    Referral moveReferral(@Argument MoveReferralInput input) {
        return service.move(input.referralId(), input.status(), input.note(), input.outcome());
    }

    @MutationMapping
    @PreAuthorize("hasRole('REFERRAL_WRITE')")
    Referral assignCase(@Argument AssignCaseInput input) {
        return service.assignCase(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral acceptCase(@Argument String referralId, @Argument String note) {
        return service.move(referralId, ReferralStatus.ACCEPTED, note, null);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral declineCase(@Argument String referralId, @Argument String reason) {
        return service.move(referralId, ReferralStatus.REJECTED, reason, null);
    }

    @SubscriptionMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Flux<Referral> caseAssigned() {
        String ngo = Caller.current().agency();
        return events.changes().filter(r -> r.kind().equals("NGO_CASE") && r.toCode().equals(ngo)
                && r.status() == ReferralStatus.REQUESTED);
    }

    @SubscriptionMapping
    @PreAuthorize("isAuthenticated()")
    Flux<Referral> referralStatusChanged(@Argument String referralId) {
        String agency = Caller.current().agency();
        return events.changes().filter(r -> (r.fromCode().equals(agency) || r.toCode().equals(agency))
                && (referralId == null || r.id().equals(referralId)));
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Referral>> referrals(List<Person> personList) {
        return Batches.matched(personList, Person::id, referrals.ofPersons(Batches.keys(personList, Person::id),
                scopes.currentHealthScope()));
    }

    @BatchMapping
    Map<Referral, Person> person(List<Referral> list) {
        return referenced.persons(list, Referral::personId);
    }

    @BatchMapping
    Map<Referral, Party> from(List<Referral> list) {
        return referenced.parties(list, Referral::fromCode);
    }

    @BatchMapping
    Map<Referral, Party> to(List<Referral> list) {
        return referenced.parties(list, Referral::toCode);
    }

    @BatchMapping
    Map<Referral, List<ReferralTransition>> history(List<Referral> list) {
        return Batches.matched(list, Referral::id, referrals.historyOf(Batches.keys(list, Referral::id)));
    }

    record OpenReferralInput(String personId, String kind, String to, String condition, String reason,
                             EmploymentProfile employment) {
    }

    record MoveReferralInput(String referralId, ReferralStatus status, String note, String outcome) {
    }

    record AssignCaseInput(String personId, String ngo, String reason) {
    }
}
