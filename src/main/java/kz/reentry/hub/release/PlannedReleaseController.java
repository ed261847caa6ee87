package kz.reentry.hub.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.history.Revision;
import kz.reentry.hub.history.RevisionRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonRepository;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.DerivedIds;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class PlannedReleaseController {

    /** A window longer than this is a bulk export, not a planning view. */
    private static final int MAX_WINDOW_YEARS = 5;

    private final CustodyRepository custody;
    private final PersonRepository persons;
    private final RegionRepository regions;
    private final RevisionRepository revisions;
    private final CallerScopes scopes;
    private final DerivedIds ids;

    PlannedReleaseController(CustodyRepository custody, PersonRepository persons, RegionRepository regions,
                             RevisionRepository revisions, CallerScopes scopes, DerivedIds ids) {
        this.ids = ids;
        this.scopes = scopes;
        this.custody = custody;
        this.persons = persons;
        this.regions = regions;
        this.revisions = revisions;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Connection<PlannedRelease> upcomingReleases(@Argument LocalDate from, @Argument LocalDate to,
                                                @Argument String region, @Argument Integer first,
                                                @Argument String after) {
        if (to.isBefore(from)) {
            throw new InvalidArgumentException("to", "dates.order", "must not be before 'from' (" + from + ")");
        }
        if (to.isAfter(from.plusYears(MAX_WINDOW_YEARS))) {
            throw new InvalidArgumentException("to", "range", "must be at most " + MAX_WINDOW_YEARS + " years after 'from'");
        }
        regions.require("region", region);
        return custody.upcoming(from, to, region, PageSize.check(first), Cursor.decode(after, "release", 2, "after"),
                scopes.currentPersonScope());
    }

    /** Its episode's key, with the term start: sealed for a caller who may not see it. */
    @SchemaMapping
    String id(PlannedRelease release) {
        return ids.shown(release.id());
    }

    @BatchMapping
    Map<PlannedRelease, Person> person(List<PlannedRelease> releases) {
        return Batches.matched(releases, PlannedRelease::personIin,
                persons.findByIins(Batches.keys(releases, PlannedRelease::personIin)));
    }

    @BatchMapping
    Map<PlannedRelease, CustodyEpisode> custodyEpisode(List<PlannedRelease> releases) {
        return Batches.matched(releases, PlannedRelease::custodyEpisodeId,
                custody.episodesByIds(Batches.keys(releases, PlannedRelease::custodyEpisodeId)));
    }

    @BatchMapping
    Map<PlannedRelease, Region> residenceRegion(List<PlannedRelease> releases) {
        return Batches.matched(releases, PlannedRelease::residenceRegionCode,
                regions.findByCodes(Batches.keys(releases, PlannedRelease::residenceRegionCode)));
    }

    @BatchMapping
    Map<PlannedRelease, List<Revision>> history(List<PlannedRelease> releases) {
        return Batches.matched(releases, PlannedRelease::id,
                revisions.historyOf(RevisionRepository.RevisedEntity.PLANNED_RELEASE, Batches.keys(releases, PlannedRelease::id)));
    }
}
