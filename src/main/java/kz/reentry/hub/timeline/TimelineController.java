package kz.reentry.hub.timeline;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.PersonLookup;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class TimelineController {

    private final TimelineRepository timelines;
    private final PersonLookup persons;

    TimelineController(TimelineRepository timelines, PersonLookup persons) {
        this.timelines = timelines;
        this.persons = persons;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<TimelineEvent> caseTimeline(@Argument String personId, @Argument Integer first, @Argument String after) {
        return timelines.timeline(persons.byId(personId, "personId").id(), PageSize.check(first),
                Cursor.decode(after, "timeline", 3, "after"));
    }
}
