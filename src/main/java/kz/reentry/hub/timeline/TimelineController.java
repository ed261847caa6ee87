package kz.reentry.hub.timeline;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.FieldVisibility;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class TimelineController {

    private final TimelineRepository timelines;
    private final PersonLookup persons;
    private final FieldVisibility fields;

    private final CallerScopes scopes;

    TimelineController(TimelineRepository timelines, PersonLookup persons, FieldVisibility fields,
                       CallerScopes scopes) {
        this.scopes = scopes;
        this.timelines = timelines;
        this.persons = persons;
        this.fields = fields;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<TimelineEvent> caseTimeline(@Argument String personId, @Argument Integer first, @Argument String after) {
        return timelines.timeline(persons.byId(personId, "personId").id(),
                TimelineView.of(fields, fields.currentPartyKind()), scopes.currentHealthScope(), PageSize.check(first),
                Cursor.decode(after, "timeline", 3, "after"));
    }
}
