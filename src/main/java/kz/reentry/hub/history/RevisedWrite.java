package kz.reentry.hub.history;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Writes a node from a source message only when something differs, keeping the values it replaces as a
 * Revision: the read query returns the node's current values as {@code current} for {@code $key}; the
 * write query takes {@code $key}, {@code $values}, {@code $revisions}, {@code $now}, {@code $messageId}
 * and the links it needs. Every exchange that files records of another system writes through it.
 */
public final class RevisedWrite {

    private RevisedWrite() {
    }

    /** The message that brings the values, and when it is filed. */
    public record Source(String messageId, ZonedDateTime now) {
    }

    public static RevisionDiff.Outcome write(TransactionContext tx, String currentQuery, String writeQuery, String key,
                                             Map<String, Object> values, Source source, Map<String, Object> links) {
        var rows = tx.run(currentQuery, Map.of("key", key)).list();
        Map<String, Object> current = rows.isEmpty() ? null : rows.getFirst().get("current").asMap(Value::asObject);
        RevisionDiff diff = RevisionDiff.of(current, values, source.now(), source.messageId());
        if (diff.writeNeeded()) {
            Map<String, Object> parameters = new HashMap<>(links);
            parameters.put("key", key);
            parameters.put("values", values);
            parameters.put("revisions", diff.revisions());
            parameters.put("now", source.now());
            parameters.put("messageId", source.messageId());
            tx.run(writeQuery, parameters).consume();
        }
        return diff.outcome();
    }
}
