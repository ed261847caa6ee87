package kz.reentry.hub.release;

import java.util.Map;

import kz.reentry.hub.exchange.FilingReceipt;
import kz.reentry.hub.history.RevisionDiff.Outcome;

/**
 * What the hub did with an accepted release record: the keys it filed it under and, per entity,
 * whether it was created, updated (earlier values kept as a revision) or already so.
 */
/** @param personId the hub's id of the person; null for a duplicate, which wrote nothing */
public record IntakeReceipt(Status status, String messageId, String personId, String personIin, String custodyEpisodeId,
                            String plannedReleaseId, Map<String, Outcome> changes)
        implements FilingReceipt {

    @Override
    public boolean duplicate() {
        return status == Status.DUPLICATE;
    }

    public enum Status {
        ACCEPTED,
        /** The same message (id and content) arrived before; acknowledged, not applied again. */
        DUPLICATE
    }
}
