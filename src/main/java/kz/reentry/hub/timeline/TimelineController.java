package kz.reentry.hub.timeline;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.AccessPolicy;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class TimelineController {

    private final TimelineRepository timelines;
    private final PersonLookup persons;
    private final AccessPolicy policy;
    private final CallerScopes scopes;

    TimelineController(TimelineRepository timelines, PersonLookup persons, AccessPolicy policy, CallerScopes scopes) {
        this.timelines = timelines;
        this.persons = persons;
        this.policy = policy;
        this.scopes = scopes;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<TimelineEvent> caseTimeline(@Argument String personId, @Argument Integer first, @Argument String after) {
        boolean healthNotesShown = policy.shows("MeasureUpdate", "note", scopes.partyKind(Caller.current()));
        return timelines.timeline(persons.byId(personId, "personId").id(), healthNotesShown, PageSize.check(first),
                Cursor.decode(after, "timeline", 3, "after"));
    }
}
