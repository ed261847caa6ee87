package kz.reentry.hub.timeline;

import java.time.ZonedDateTime;

import kz.reentry.hub.disclosure.AboutPerson;

/** @param personId whose case it is: not in the schema, but it lets the disclosure log record the read */
public record TimelineEvent(String personId, ZonedDateTime at, String kind, String summary, String actor)
        implements AboutPerson {
}
