package kz.reentry.hub.emergency;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.RequestContext;
import kz.reentry.hub.territory.Region;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** E7 in GraphQL: schema/emergencies.graphqls. Rows come from the access table (emergencies), roles decide the operations. */
@Controller
class EmergencyController {

    private static final String READ = "hasRole('EMERGENCY_REPORT') or hasRole('EMERGENCY_SUPERVISION')";

    private final Emergencies emergencies;
    private final EmergencyRepository repository;
    private final SpecialMessages messages;
    private final ObligationRepository obligations;
    private final ReferencedRecords referenced;
    private final CallerScopes scopes;
    private final Clock clock;

    EmergencyController(Emergencies emergencies, EmergencyRepository repository, SpecialMessages messages,
                        ObligationRepository obligations, ReferencedRecords referenced, CallerScopes scopes, Clock clock) {
        this.emergencies = emergencies;
        this.repository = repository;
        this.messages = messages;
        this.obligations = obligations;
        this.referenced = referenced;
        this.scopes = scopes;
        this.clock = clock;
    }

    @QueryMapping
    @PreAuthorize(READ)
    Emergency emergency(@Argument String id) {
        return id == null || id.length() > 64 ? null : emergencies.byIds(List.of(id)).get(id);
    }

    @QueryMapping
    @PreAuthorize(READ)
    Connection<Emergency> emergencies(@Argument String region, @Argument String institution, @Argument Boolean escalated,
                                      @Argument Integer first, @Argument String after) {
        return repository.page(region, institution, escalated, ZonedDateTime.now(clock), PageSize.check(first),
                Cursor.decode(after, "emergency", 2, "after"), scopes.currentEmergencyScope());
    }

    @MutationMapping
    @PreAuthorize("hasRole('EMERGENCY_REPORT')")
    Emergency reportEmergency(@Argument Emergencies.ReportInput input,
                              @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                              @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return emergencies.report(input, endUser, purpose);
    }

    @MutationMapping
    @PreAuthorize("hasRole('EMERGENCY_SUPERVISION')")
    Emergency sendSpecialMessage(@Argument Emergencies.SendInput input,
                                 @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                                 @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return emergencies.send(input, endUser, purpose);
    }

    @MutationMapping
    @PreAuthorize("hasRole('EMERGENCY_SUPERVISION')")
    Emergency recordPhoneAlert(@Argument Emergencies.PhoneAlertInput input,
                               @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                               @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return emergencies.recordPhoneAlert(input, endUser, purpose);
    }

    @BatchMapping
    Map<Emergency, Party> institution(List<Emergency> list) {
        return referenced.parties(list, Emergency::institutionCode);
    }

    @BatchMapping
    Map<Emergency, Region> region(List<Emergency> list) {
        return referenced.regions(list, Emergency::regionCode);
    }

    @BatchMapping
    Map<Emergency, Party> reportedBy(List<Emergency> list) {
        return referenced.parties(list, Emergency::reportedByCode);
    }

    @BatchMapping
    Map<Emergency, List<EmergencyParticipant>> participants(List<Emergency> list) {
        var found = repository.participants(Batches.keys(list, Emergency::id), scopes.currentPersonScope());
        return Batches.matchedLists(list, Emergency::id, Batches.keys(list, Emergency::id).stream().collect(
                java.util.stream.Collectors.toMap(id -> id, id -> found.get(id).stream()
                        .map(p -> new EmergencyParticipant(id, p.personId(), p.articles())).toList())));
    }

    @SchemaMapping
    int totalParticipants(Emergency emergency) {
        return emergency.totalParticipants();
    }

    @BatchMapping
    Map<Emergency, SpecialMessageContent> specialMessageDraft(List<Emergency> list) {
        return Batches.matched(list, Emergency::id, messages.draft(list, scopes.currentPersonScope()));
    }

    @BatchMapping
    Map<Emergency, SpecialMessage> specialMessage(List<Emergency> list) {
        return Batches.matched(list, Emergency::id, messages.sent(list, scopes.currentPersonScope()));
    }

    @BatchMapping
    Map<Emergency, PhoneAlert> phoneAlert(List<Emergency> list) {
        return Batches.matched(list, Emergency::id, repository.alerts(Batches.keys(list, Emergency::id)));
    }

    @BatchMapping
    Map<Emergency, List<Obligation>> duties(List<Emergency> list) {
        return Batches.matchedLists(list, Emergency::id, obligations.ofEmergencies(Batches.keys(list, Emergency::id)));
    }

    @BatchMapping
    Map<Emergency, Boolean> escalated(List<Emergency> list) {
        var duties = obligations.ofEmergencies(Batches.keys(list, Emergency::id));
        var now = clock.instant();
        return Batches.matched(list, Emergency::id, duties.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> entry.getValue().stream().anyMatch(o -> o.lateAt(now, LocalDate.now())))));
    }

    @BatchMapping
    Map<EmergencyParticipant, Person> person(List<EmergencyParticipant> list) {
        return referenced.persons(list, EmergencyParticipant::personId);
    }

    @BatchMapping(typeName = "SpecialMessage")
    Map<SpecialMessage, Party> sentBy(List<SpecialMessage> list) {
        return referenced.parties(list, SpecialMessage::sentByCode);
    }

    @BatchMapping(typeName = "PhoneAlert")
    Map<PhoneAlert, Party> recordedBy(List<PhoneAlert> list) {
        return referenced.parties(list, PhoneAlert::recordedByCode);
    }

    /** The emergency an E7 duty is about, if the caller may see it (a duty reaches a caller only within its emergency rows). */
    @BatchMapping(typeName = "Obligation")
    Map<Obligation, Emergency> emergency(List<Obligation> list) {
        List<String> ids = Batches.keys(list, Obligation::emergencyId);
        return Batches.matched(list, Obligation::emergencyId, ids.isEmpty() ? Map.of() : emergencies.byIds(ids));
    }
}
