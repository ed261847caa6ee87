package kz.reentry.hub.history;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what the graph holds with what a message brings and, when they differ, describes the
 * {@code :Revision} node that keeps the earlier values: the names of the fields that changed, their
 * old values (absent ones stay absent), when they were superseded and by which message.
 */
public record RevisionDiff(Outcome outcome, List<Map<String, Object>> revisions) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** @param current the stored values, or null when the node does not exist yet */
    public static RevisionDiff of(Map<String, Object> current, Map<String, Object> incoming,
                                  ZonedDateTime now, String messageId) {
        if (current == null) {
            return new RevisionDiff(Outcome.CREATED, List.of());
        }
        List<String> changed = new ArrayList<>();
        Map<String, Object> revision = new HashMap<>();
        incoming.forEach((field, value) -> {
            Object before = current.get(field);
            if (!Objects.equals(before, value)) {
                changed.add(field);
                if (before != null) {
                    revision.put(field, before);
                }
            }
        });
        if (changed.isEmpty()) {
            return new RevisionDiff(Outcome.UNCHANGED, List.of());
        }
        revision.put("fields", changed);
        revision.put("supersededAt", now);
        revision.put("supersededByMessageId", messageId);
        return new RevisionDiff(Outcome.UPDATED, List.of(revision));
    }

    public boolean writeNeeded() {
        return outcome != Outcome.UNCHANGED;
    }
}
