package kz.reentry.hub.release;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.history.Revision;
import kz.reentry.hub.history.RevisionRepository;
import kz.reentry.hub.party.Institution;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.security.DerivedIds;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class CustodyEpisodeController {

    private final CustodyRepository custody;
    private final InstitutionRepository institutions;
    private final RevisionRepository revisions;

    private final DerivedIds ids;

    CustodyEpisodeController(CustodyRepository custody, InstitutionRepository institutions, RevisionRepository revisions,
                             DerivedIds ids) {
        this.ids = ids;
        this.custody = custody;
        this.institutions = institutions;
        this.revisions = revisions;
    }

    /** The key holds the term start: sealed for a caller who may not see it. */
    @SchemaMapping
    String id(CustodyEpisode episode) {
        return ids.shown(episode.id());
    }

    @BatchMapping
    Map<CustodyEpisode, Institution> institution(List<CustodyEpisode> episodes) {
        return Batches.matched(episodes, CustodyEpisode::institutionCode,
                institutions.findByCodes(Batches.keys(episodes, CustodyEpisode::institutionCode)));
    }

    @BatchMapping
    Map<CustodyEpisode, PlannedRelease> plannedRelease(List<CustodyEpisode> episodes) {
        return Batches.matched(episodes, CustodyEpisode::id,
                custody.releasesOfEpisodes(Batches.keys(episodes, CustodyEpisode::id)));
    }

    @BatchMapping
    Map<CustodyEpisode, List<Revision>> history(List<CustodyEpisode> episodes) {
        return Batches.matched(episodes, CustodyEpisode::id,
                revisions.historyOf(RevisionRepository.RevisedEntity.CUSTODY_EPISODE, Batches.keys(episodes, CustodyEpisode::id)));
    }
}
