package kz.reentry.hub.timeline;

import java.time.ZonedDateTime;

public record TimelineEvent(ZonedDateTime at, String kind, String summary, String actor) {
}
