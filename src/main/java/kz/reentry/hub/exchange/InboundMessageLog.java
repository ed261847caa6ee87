package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.AfterCommit;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyStarted;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Repository;

/**
 * The log of received messages: accepted ones are {@code InboundMessage} nodes written with the
 * record they filed, rejected ones are the {@code DeadLetter} nodes they were kept as; one list of both.
 */
@Repository
public class InboundMessageLog {

    /**
     * A rejected message is about no person the hub knows, so only a caller who sees every person
     * sees those ({@code $seesAll}). E3 messages only to callers who may know of health messages (HealthScope).
     */
    private static final ScopedRead PAGE = ScopedRead.of("""
            CALL () {
              MATCH (m:InboundMessage)
              WHERE ($sender IS NULL OR m.sender = $sender) AND ($channel IS NULL OR m.channel = $channel)
                AND ($batches IS NULL OR m.batchFile IN $batches)
              OPTIONAL MATCH (m)-[:CONCERNS]->(p:Person)
              WITH m, p WHERE ($person IS NULL OR p.id = $person) AND (p IS NULL AND $seesAll AND %3$s OR p IS NOT NULL AND {rows of p})
                AND %1$s
              RETURN m.messageId AS id, m.messageId AS messageId, m.exchange AS exchange, m.channel AS channel,
                     m.sender AS sender, m.receivedAt AS receivedAt, 'ACCEPTED' AS status, m.contentHash AS contentHash,
                     m.responseHash AS responseHash, null AS deadLetterId, p.id AS personId
              UNION ALL
              MATCH (d:DeadLetter)
              WHERE $seesAll AND %4$s AND $person IS NULL AND %2$s
                AND ($sender IS NULL OR d.sender = $sender) AND ($channel IS NULL OR d.channel = $channel)
                AND ($batches IS NULL OR d.batchFile IN $batches)
              RETURN d.id AS id, d.messageId AS messageId, d.exchange AS exchange, d.channel AS channel,
                     d.sender AS sender, d.receivedAt AS receivedAt, 'REJECTED' AS status, d.contentHash AS contentHash,
                     d.responseHash AS responseHash, d.id AS deadLetterId, null AS personId
            }
            WITH * WHERE $afterTime IS NULL OR receivedAt < $afterTime OR (receivedAt = $afterTime AND id > $afterId)
            RETURN *
            ORDER BY receivedAt DESC, id
            LIMIT $limit
            """.formatted(HealthScope.messageSeen("m"), HealthScope.messageSeen("d"), PersonScope.placedBy("m.senderAgency"),
            PersonScope.placedBy("d.senderAgency")));

    private static final KeyStarted EARLIER = KeyStarted.of("""
            MATCH (m:InboundMessage {messageId: $messageId})
            RETURN m.contentHash AS contentHash, m.recordHash AS recordHash
            """);
    private static final KeyStarted ACCEPTED = KeyStarted.of("""
            MATCH (p:Person {id: $personId})
            CREATE (m:InboundMessage {messageId: $messageId, exchange: $exchange, channel: $channel, status: 'ACCEPTED',
                                      sender: $sender, contentHash: $contentHash, recordHash: $recordHash,
                                      responseHash: $responseHash, receivedAt: $now, batchFile: $batchFile,
                                      batchRecord: $batchRecord})
            CREATE (m)-[:CONCERNS]->(p)
            """);

    /**
     * A message received again under an id already filed, with the same content: kept as a node that
     * repeats the first, so intake counts over time need no memory of the process (intakeHistory).
     */
    private static final String DUPLICATE = """
            MATCH (m:InboundMessage {messageId: $messageId})
            CREATE (d:DuplicateArrival {exchange: m.exchange, channel: $channel, sender: $sender, receivedAt: $now})
            CREATE (d)-[:REPEATS]->(m)
            """;

    /**
     * Intake by channel, step and outcome over the same messages as {@link #PAGE} (the caller's rows;
     * rejected ones only for a caller who sees every person; E3 only where HealthScope allows). A
     * duplicate is placed as the message it repeats.
     */
    private static final ScopedRead HISTORY = ScopedRead.of("""
            CALL () {
              MATCH (m:InboundMessage)
              WHERE m.receivedAt >= $from AND m.receivedAt < $to AND %1$s
              OPTIONAL MATCH (m)-[:CONCERNS]->(p:Person)
              WITH m, p WHERE (p IS NULL AND $seesAll AND %3$s OR p IS NOT NULL AND {rows of p})
              RETURN m.channel AS channel, m.receivedAt AS at, 'accepted' AS outcome
              UNION ALL
              MATCH (d:DuplicateArrival)-[:REPEATS]->(m:InboundMessage)
              WHERE d.receivedAt >= $from AND d.receivedAt < $to AND %1$s
              OPTIONAL MATCH (m)-[:CONCERNS]->(p:Person)
              WITH d, m, p WHERE (p IS NULL AND $seesAll AND %3$s OR p IS NOT NULL AND {rows of p})
              RETURN d.channel AS channel, d.receivedAt AS at, 'duplicate' AS outcome
              UNION ALL
              MATCH (d:DeadLetter)
              WHERE $seesAll AND %4$s AND %2$s AND d.receivedAt >= $from AND d.receivedAt < $to
              RETURN d.channel AS channel, d.receivedAt AS at, 'rejected' AS outcome
            }
            WITH coalesce(channel, 'unknown') AS channel, duration.inSeconds($from, at).seconds / $step AS step, outcome
            RETURN channel, step, outcome, count(*) AS n
            """.formatted(HealthScope.messageSeen("m"), HealthScope.messageSeen("d"), PersonScope.placedBy("m.senderAgency"),
            PersonScope.placedBy("d.senderAgency")));

    private final Driver driver;

    private final IntakeCounts counts;

    InboundMessageLog(Driver driver, IntakeCounts counts) {
        this.counts = counts;
        this.driver = driver;
    }

    /**
     * A message received before under this id, if any.
     *
     * @param contentHash SHA-256 of the bytes received
     * @param recordHash  SHA-256 of the record as read (null for messages from before it was kept), so that
     *                    the same record resent with other white space, key order or escapes is the same message
     */
    public record Earlier(String contentHash, String recordHash) {

        public boolean sameAs(String content, String record) {
            return recordHash == null ? contentHash.equals(content) : recordHash.equals(record);
        }
    }

    public java.util.Optional<Earlier> earlier(TransactionContext tx, String messageId) {
        return tx.run(EARLIER.alone(), Map.of("messageId", messageId)).list().stream().findFirst()
                .map(r -> new Earlier(r.get("contentHash").asString(), r.get("recordHash").asString(null)));
    }

    /** {@link #earlier} for many ids in one statement: the messages received before, by id (absent: none). */
    public Map<String, Earlier> earlierAll(TransactionContext tx, java.util.Collection<String> messageIds) {
        Map<String, Earlier> earlier = new java.util.HashMap<>();
        tx.run(EARLIER.perRow(), Map.of("rows", messageIds.stream().map(id -> Map.of("messageId", id)).toList())).list()
                .forEach(r -> earlier.putIfAbsent(r.get("param").get("messageId").asString(),
                        new Earlier(r.get("contentHash").asString(), r.get("recordHash").asString(null))));
        return earlier;
    }

    /**
     * An accepted message, written in the transaction that files it.
     *
     * @param responseHash SHA-256 of the answer it got (the HTTP body, the line of a batch receipt)
     * @param batchFile    the batch file it came in and its place there (both null on other channels)
     */
    public record Accepted(String messageId, String exchange, String channel, String sender, String personId,
                           String contentHash, String recordHash, String responseHash, String batchFile, Long batchRecord) {
    }

    public void recordAccepted(TransactionContext tx, Accepted message, ZonedDateTime now) {
        tx.run(ACCEPTED.alone(), parameters(message, now)).consume();
        // once the filing transaction has committed: one retried after a transient error, or a group of records
        // rolled back and filed again one at a time, counts once (a gauge of the log would read every node)
        AfterCommit.run(tx, () -> counts.accepted(message.exchange(), message.channel()));
    }

    /** An accepted message and when it was filed. */
    public record AcceptedAt(Accepted message, ZonedDateTime now) {
    }

    /** {@link #recordAccepted} for many messages (each id once) in one statement. */
    public void recordAllAccepted(TransactionContext tx, List<AcceptedAt> messages) {
        if (messages.isEmpty()) {
            return;
        }
        tx.run(ACCEPTED.perRow(), Map.of("rows", messages.stream().map(m -> parameters(m.message(), m.now())).toList()))
                .consume();
        for (var m : messages) {
            AfterCommit.run(tx, () -> counts.accepted(m.message().exchange(), m.message().channel()));
        }
    }

    private static Map<String, Object> parameters(Accepted message, ZonedDateTime now) {
        return Cypher.params("personId", message.personId(), "messageId", message.messageId(),
                "exchange", message.exchange(), "channel", message.channel(),
                "sender", message.sender() == null ? "unknown" : message.sender(), "contentHash", message.contentHash(),
                "recordHash", message.recordHash(), "responseHash", message.responseHash(), "now", now,
                "batchFile", message.batchFile(), "batchRecord", message.batchRecord());
    }

    /**
     * A message received again with the same content (under an id already filed), written in the
     * transaction that found it so: a retried or rolled-back transaction counts it once or not at all.
     */
    public void recordDuplicate(TransactionContext tx, String messageId, String channel, String sender, ZonedDateTime now) {
        tx.run(DUPLICATE, Cypher.params("messageId", messageId, "channel", channel,
                "sender", sender == null ? "unknown" : sender, "now", now)).consume();
    }

    /** Counts by channel, step (0 = the one starting at from) and outcome: accepted, duplicate, rejected. */
    public record Tally(String channel, long step, String outcome, long count) {
    }

    public List<Tally> history(ZonedDateTime from, ZonedDateTime to, long stepSeconds, PersonScope scope, HealthScope health) {
        Map<String, Object> parameters = health.addedTo(HISTORY.parameters(scope, Cypher.params("from", from, "to", to,
                "step", stepSeconds, "seesAll", scope.seesAll())));
        return driver.executableQuery(HISTORY.cypher(scope)).withParameters(parameters).withConfig(Cypher.READ)
                .execute().records().stream().map(r -> new Tally(r.get("channel").asString(), r.get("step").asLong(),
                        r.get("outcome").asString(), r.get("n").asLong())).toList();
    }

    /** @param batches the batch files whose records only (a batch and those it carried on from); null for any message */
    public Connection<InboundMessage> page(String person, String sender, String channel, List<String> batches, int first,
                                           Cursor after, PersonScope scope, HealthScope health) {
        Map<String, Object> parameters = health.addedTo(PAGE.parameters(scope, Cypher.params("person", person, "sender", sender,
                "channel", channel, "batches", batches, "seesAll", scope.seesAll(), "limit", first + 1,
                "afterTime", after == null ? null : ZonedDateTime.parse(after.key(0)),
                "afterId", after == null ? null : after.key(1))));
        List<InboundMessage> rows = driver.executableQuery(PAGE.cypher(scope)).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream().map(InboundMessageLog::asMessage).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                m -> new Cursor("inbound", List.of(m.receivedAt().toString(), m.id())));
    }

    private static InboundMessage asMessage(Record r) {
        return new InboundMessage(r.get("id").asString(), r.get("messageId").asString(null),
                r.get("exchange").asString(null), r.get("channel").asString(null), r.get("sender").asString(null),
                r.get("receivedAt").asZonedDateTime(), InboundMessage.Status.valueOf(r.get("status").asString()),
                r.get("contentHash").asString(null), r.get("responseHash").asString(null),
                r.get("deadLetterId").asString(null), r.get("personId").asString(null));
    }
}
