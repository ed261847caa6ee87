package kz.reentry.hub.history;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyStarted;
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

    /**
     * The read and the write of one kind of node: both start from the node's unique key, and the intake
     * sends them with every record, so both keep their first plan.
     */
    public record Statements(KeyStarted current, KeyStarted write) {

        public static Statements of(String current, String write) {
            return new Statements(KeyStarted.of(current), KeyStarted.of(write));
        }
    }

    /** The message that brings the values, and when it is filed. */
    public record Source(String messageId, ZonedDateTime now) {
    }

    public static RevisionDiff.Outcome write(TransactionContext tx, Statements statements, String key,
                                             Map<String, Object> values, Source source, Map<String, Object> links) {
        var rows = tx.run(statements.current().alone(), Map.of("key", key)).list();
        Map<String, Object> current = rows.isEmpty() ? null : rows.getFirst().get("current").asMap(Value::asObject);
        RevisionDiff diff = RevisionDiff.of(current, values, source.now(), source.messageId());
        if (diff.writeNeeded()) {
            Map<String, Object> parameters = new HashMap<>(links);
            parameters.put("key", key);
            parameters.put("values", values);
            parameters.put("revisions", diff.revisions());
            parameters.put("now", source.now());
            parameters.put("messageId", source.messageId());
            tx.run(statements.write().alone(), parameters).consume();
        }
        return diff.outcome();
    }

    /** One node of {@link #writeAll}: its key, the values the message brings, the message, and the links the write needs. */
    public record Row(String key, Map<String, Object> values, Source source, Map<String, Object> links) {
    }

    /**
     * {@link #write} for many nodes in two statements, whatever their number: one read of the current
     * values of every key, the differences in Java, one write of the rows that need it (each row as
     * {@link #write} would write it alone: {@link Cypher#perRow}). The keys must differ: a row would not
     * see the values an earlier row of the same call writes (the caller cuts its rows where a key comes
     * again).
     *
     * @return the outcome of each row, in order
     */
    public static List<RevisionDiff.Outcome> writeAll(TransactionContext tx, Statements statements, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var keys = new HashSet<String>();
        List<Map<String, Object>> reads = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (!keys.add(row.key())) {
                throw new IllegalArgumentException("writeAll takes each key once: " + row.key());
            }
            reads.add(Map.of("key", row.key()));
        }
        Map<String, Map<String, Object>> current = new HashMap<>();
        tx.run(statements.current().perRow(), Map.of("rows", reads)).list().forEach(r ->
                current.putIfAbsent(r.get("param").get("key").asString(), r.get("current").asMap(Value::asObject)));
        List<RevisionDiff.Outcome> outcomes = new ArrayList<>(rows.size());
        List<Map<String, Object>> writes = new ArrayList<>();
        for (Row row : rows) {
            RevisionDiff diff = RevisionDiff.of(current.get(row.key()), row.values(), row.source().now(),
                    row.source().messageId());
            if (diff.writeNeeded()) {
                Map<String, Object> parameters = new HashMap<>(row.links());
                parameters.put("key", row.key());
                parameters.put("values", row.values());
                parameters.put("revisions", diff.revisions());
                parameters.put("now", row.source().now());
                parameters.put("messageId", row.source().messageId());
                writes.add(parameters);
            }
            outcomes.add(diff.outcome());
        }
        if (!writes.isEmpty()) {
            tx.run(statements.write().perRow(), Map.of("rows", writes)).consume();
        }
        return outcomes;
    }
}
