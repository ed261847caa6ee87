package kz.reentry.hub.delivery;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.AfterCommit;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyStarted;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox in the graph. Messages are added inside the transaction of the change
 * that causes them, so either both are committed or neither; the dispatcher takes them from here,
 * woken when that transaction has committed ({@link Queued}) or at its next poll.
 */
@Repository
public class Outbox {

    private static final String ENQUEUE = """
            MATCH (to:Party {code: $recipient}) USING INDEX to:Party(code)
            OPTIONAL MATCH (p:Person {id: $personId}) USING INDEX p:Person(id)
            MERGE (m:OutboundMessage {id: $id})
            ON CREATE SET m.exchange = $exchange, m.recipient = $recipient, m.status = 'PENDING', m.attempts = 0,
                          m.payload = $payload, m.contentHash = $contentHash, m.createdAt = $now, m.nextAttemptAt = $now,
                          m.endUser = $endUser, m.purpose = $purpose, m.causedBy = $causedBy,
                          m.traceparent = $traceparent
            FOREACH (about IN CASE WHEN p IS NULL THEN [] ELSE [p] END | MERGE (m)-[:CONCERNS]->(about))
            MERGE (m)-[:TO]->(to)
            WITH m
            OPTIONAL MATCH (o:Obligation {id: $obligationId}) USING INDEX o:Obligation(id)
            FOREACH (duty IN CASE WHEN o IS NULL THEN [] ELSE [o] END | MERGE (m)-[:FULFILS]->(duty))
            """;
    private static final KeyStarted ENQUEUE_KEPT = KeyStarted.of(ENQUEUE);
    private static final String FIELDS = """
            m.id AS id, m.exchange AS exchange, m.recipient AS recipient, p.id AS personId, o.id AS obligationId,
            m.status AS status, m.attempts AS attempts, m.createdAt AS createdAt, m.nextAttemptAt AS nextAttemptAt,
            m.deliveredAt AS deliveredAt, m.lastError AS lastError, m.payload AS payload, m.contentHash AS contentHash,
            m.responseHash AS responseHash, m.receiver AS receiver, m.endUser AS endUser, m.purpose AS purpose,
            m.causedBy AS causedBy, m.traceparent AS traceparent
            """;
    /** A receipt to the sender of a batch concerns many persons or none, so the person is optional. */
    private static final String LINKS = """
            OPTIONAL MATCH (m)-[:CONCERNS]->(p:Person)
            OPTIONAL MATCH (m)-[:FULFILS]->(o:Obligation)
            """;
    /** Each recipient's due messages, read from the index (status, recipient, nextAttemptAt) in order, at most $limit. */
    private static final String DUE_FOR_EACH = """
            UNWIND $recipients AS recipient
            CALL (recipient) {
                MATCH (due:OutboundMessage)
                USING INDEX SEEK due:OutboundMessage(status, recipient, nextAttemptAt)
                WHERE due.status = 'PENDING' AND due.recipient = recipient AND due.nextAttemptAt <= $now
                RETURN due ORDER BY due.nextAttemptAt LIMIT $limit
            }
            """;
    /** The message m locked by a write, then read again under the lock: kept only if still due. */
    private static final String LOCKED_STILL_DUE = """
            SET m._claiming = true
            REMOVE m._claiming
            WITH m
            WHERE m.status = 'PENDING' AND m.nextAttemptAt <= $now
            """;
    /** The recipients that have messages due now, so each receiver's are taken as its free calls allow. */
    private static final String DUE_RECIPIENTS = """
            MATCH (m:OutboundMessage {status: 'PENDING'})
            WHERE m.nextAttemptAt <= $now
            RETURN DISTINCT m.recipient AS recipient
            """;
    /**
     * Takes the messages that are due for the recipients of each batch (the agencies one receiver
     * serves), at most the batch's limit (its receiver's free calls) each, and moves their next attempt
     * past the lease, naming the hub instance and run that took them: another dispatcher takes them
     * again only if this attempt never reports back within the lease, and this instance, started again,
     * at once. One statement for every receiver woken together: a wake-up for a record's notices to the
     * akimat and the police claims both in one round trip, not one after the other. Two claims can
     * match the same message before either commits (Cypher does not re-check a WHERE when it gets the
     * write lock): so each claim first locks the message by writing to it, then reads it again under
     * the lock and takes it only if it is still due. Each recipient's due messages are read from the
     * index (status, recipient, nextAttemptAt) in order, at most $limit (the largest batch limit) of
     * them, so a claim reads what it may take, not every message due for anyone.
     */
    private static final String CLAIM_DUE = """
            UNWIND $batches AS batch
            CALL (batch) {
            """ + Outbox.DUE_FOR_EACH.replace("$recipients", "batch.recipients") + """
                WITH batch, due ORDER BY due.nextAttemptAt
                WITH batch, collect(due) AS dues
                UNWIND dues[0..batch.limit] AS m
                RETURN m
            }
            WITH m
            """ + Outbox.LOCKED_STILL_DUE + """
            SET m.nextAttemptAt = $leaseUntil, m.claimedBy = $instance, m.claimRun = $run
            WITH m
            %s
            RETURN %s
            """;
    /**
     * At start-up: the messages an earlier run of this instance took and never reported on (it
     * crashed, or stopped in the middle of a call) are due again now, not when their lease ends.
     * Claims of other instances, which may be running, are left alone.
     */
    private static final String RELEASE_EARLIER_RUNS = """
            MATCH (m:OutboundMessage {claimedBy: $instance})
            WHERE m.claimRun <> $run
            SET m.claimedBy = null, m.claimRun = null,
                m.nextAttemptAt = CASE WHEN m.status = 'PENDING' THEN $now ELSE m.nextAttemptAt END
            RETURN count(CASE WHEN m.status = 'PENDING' THEN m END) AS released
            """;
    private static final String INSTANCE_STARTED = """
            MERGE (i:HubInstance {id: $instance})
            ON CREATE SET i.firstStartedAt = $now
            SET i.previousRun = i.run, i.run = $run, i.startedAt = $now
            """;
    /**
     * The duty is met when every message for it is delivered. Messages to different receivers are
     * delivered at the same time, each in its own transaction, and neither would see the other's
     * commit: so each first locks the obligation by writing to it, then reads the other messages
     * under the lock; the later of two sees the earlier's delivery.
     */
    private static final String DELIVERED = Cypher.keepingPlan("""
            MATCH (m:OutboundMessage {id: $id}) USING INDEX m:OutboundMessage(id)
            SET m.status = 'DELIVERED', m.deliveredAt = $now, m.attempts = m.attempts + 1, m.receiver = $receiver,
                m.responseHash = $responseHash, m.lastError = null, m.nextAttemptAt = null,
                m.claimedBy = null, m.claimRun = null, m.answer = $answer
            WITH m
            OPTIONAL MATCH (m)-[:FULFILS]->(o:Obligation {status: 'OPEN'})
            SET o._metCheck = true
            REMOVE o._metCheck
            WITH o
            WHERE o IS NOT NULL
              AND all(other IN [(o)<-[:FULFILS]-(x:OutboundMessage) | x.status] WHERE other = 'DELIVERED')
            SET o.status = 'MET', o.metAt = $now
            """);
    private static final String UNAPPLIED_ANSWERS = """
            MATCH (m:OutboundMessage {exchange: $exchange, status: 'DELIVERED'})
            WHERE m.answer IS NOT NULL AND m.answerAppliedAt IS NULL
            RETURN m.id AS id, m.recipient AS recipient, m.answer AS answer
            ORDER BY m.deliveredAt LIMIT $limit
            """;
    private static final String ANSWER_APPLIED = """
            MATCH (m:OutboundMessage {id: $id}) SET m.answerAppliedAt = $now
            """;
    private static final String FAILED = Cypher.keepingPlan("""
            MATCH (m:OutboundMessage {id: $id}) USING INDEX m:OutboundMessage(id)
            WITH m, m.attempts + 1 >= $maxAttempts AS spent
            SET m.attempts = m.attempts + 1, m.lastError = $error, m.receiver = $receiver,
                m.status = CASE WHEN spent THEN 'DEAD' ELSE 'PENDING' END,
                m.nextAttemptAt = CASE WHEN spent THEN null ELSE $nextAttemptAt END,
                m.deadAt = CASE WHEN spent THEN $now ELSE null END,
                m.claimedBy = null, m.claimRun = null
            RETURN m.status AS status
            """);
    /**
     * The due messages of agencies no receiver serves, each failed as its attempt would fail (counted,
     * its next attempt at {@code $nextAttemptAfter[attempts so far]}, DEAD on its last attempt), all in one write:
     * taking them to fail them one at a time cost a transaction each and, with a backlog, kept every
     * one of them due. Each is locked and read again first, as a claim does, so that two instances
     * never count one attempt twice.
     */
    private static final String FAILED_UNSERVED = Cypher.keepingPlan(Outbox.DUE_FOR_EACH + """
            WITH due AS m
            """ + Outbox.LOCKED_STILL_DUE + """
            WITH m, m.attempts AS failedBefore, m.attempts + 1 >= $maxAttempts AS spent
            SET m.attempts = failedBefore + 1, m.receiver = null, m.lastError = $errors[m.recipient],
                m.status = CASE WHEN spent THEN 'DEAD' ELSE 'PENDING' END,
                m.nextAttemptAt = CASE WHEN spent THEN null ELSE $nextAttemptAfter[failedBefore] END,
                m.deadAt = CASE WHEN spent THEN $now ELSE null END,
                m.claimedBy = null, m.claimRun = null
            RETURN m.id AS id, m.exchange AS exchange, m.recipient AS recipient, m.status AS status,
                   m.attempts AS attempts
            """);
    private static final String POSTPONED = Cypher.keepingPlan("""
            MATCH (m:OutboundMessage {id: $id, status: 'PENDING'}) USING INDEX m:OutboundMessage(id)
            SET m.nextAttemptAt = $nextAttemptAt, m.lastError = $reason, m.claimedBy = null, m.claimRun = null
            """);
    private static final String REPLAY = """
            MATCH (m:OutboundMessage {id: $id})
            WHERE m.status = 'DEAD'
            SET m.status = 'PENDING', m.attempts = 0, m.nextAttemptAt = $now, m.replayedBy = $by, m.replayedAt = $now, m.deadAt = null
            RETURN m.id AS id
            """;
    private static final String BY_ID = """
            MATCH (m:OutboundMessage {id: $id})
            %s
            RETURN %s
            """;
    private static final ScopedRead PAGE = ScopedRead.of("""
            MATCH (m:OutboundMessage)
            WHERE ($status IS NULL OR m.status = $status) AND ($recipient IS NULL OR m.recipient = $recipient)
              AND ($exchange IS NULL OR m.exchange = $exchange) AND %s
              AND ($afterCreated IS NULL OR m.createdAt < $afterCreated OR (m.createdAt = $afterCreated AND m.id > $afterId))
            %s
            WITH m, p, o WHERE ($person IS NULL OR p.id = $person) AND {rows of p}
            RETURN %s
            ORDER BY m.createdAt DESC, m.id
            LIMIT $limit
            """.formatted(HealthScope.outboundSeen("m"), LINKS, FIELDS));

    /**
     * The depth at each point: messages created by then, neither delivered nor dead by then, over the
     * same messages as {@link #PAGE} (the caller's rows, E3 where HealthScope allows).
     */
    private static final ScopedRead DEPTH = ScopedRead.of("""
            MATCH (m:OutboundMessage)
            WHERE m.createdAt <= $to AND (m.deliveredAt IS NULL OR m.deliveredAt > $from)
              AND (m.status <> 'DEAD' OR coalesce(m.deadAt, m.createdAt) > $from) AND %s
            OPTIONAL MATCH (m)-[:CONCERNS]->(p:Person)
            WITH m, p WHERE {rows of p}
            UNWIND range(0, size($points) - 1) AS i
            WITH i, m WHERE m.createdAt <= $points[i] AND (m.deliveredAt IS NULL OR m.deliveredAt > $points[i])
              AND (m.status <> 'DEAD' OR coalesce(m.deadAt, m.createdAt) > $points[i])
            RETURN i, count(m) AS depth
            """.formatted(HealthScope.outboundSeen("m")));

    private final Driver driver;
    private final MessageTraces traces;
    private final ApplicationEventPublisher events;

    Outbox(Driver driver, MessageTraces traces, ApplicationEventPublisher events) {
        this.driver = driver;
        this.traces = traces;
        this.events = events;
    }

    /**
     * Adds the message inside the caller's transaction; adding the same message again changes nothing.
     * Once that transaction has committed, {@link Queued} tells the dispatcher (a transaction function
     * of the hub's driver; {@link AfterCommit}).
     */
    public String enqueue(TransactionContext tx, NewOutboundMessage message) {
        String id = message.id();
        tx.run(ENQUEUE_KEPT.alone(), parameters(message, ZonedDateTime.now())).consume();
        AfterCommit.run(tx, () -> events.publishEvent(new Queued(message.recipient())));
        return id;
    }

    /** {@link #enqueue} for many messages in one statement, each as it would be enqueued alone. */
    public void enqueueAll(TransactionContext tx, List<NewOutboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now();
        tx.run(ENQUEUE_KEPT.perRow(), Map.of("rows", messages.stream().map(m -> parameters(m, now)).toList())).consume();
        for (var recipient : new java.util.LinkedHashSet<>(messages.stream().map(NewOutboundMessage::recipient).toList())) {
            AfterCommit.run(tx, () -> events.publishEvent(new Queued(recipient)));
        }
    }

    private Map<String, Object> parameters(NewOutboundMessage message, ZonedDateTime now) {
        return Cypher.params("id", message.id(), "exchange", message.exchange(), "recipient", message.recipient(),
                "personId", message.personId(), "obligationId", message.obligationId(), "payload", message.payload(),
                "contentHash", Sha256.hex(message.payload()), "now", now, "endUser", message.endUser(),
                "purpose", message.purpose(), "causedBy", message.causedBy(),
                "traceparent", message.traceparent() != null ? message.traceparent() : traces.current());
    }

    /** A message for the recipient (an agency code) is committed to the outbox and due now. */
    record Queued(String recipient) {
    }

    /** The recipients (agency codes) with messages due now. */
    List<String> dueRecipients() {
        return driver.executableQuery(DUE_RECIPIENTS).withParameters(Map.of("now", ZonedDateTime.now()))
                .execute().records().stream().map(r -> r.get("recipient").asString()).toList();
    }

    /** The statement of {@link #claimDue}, as it is sent (formatted once: every wake-up claims). */
    private static final String CLAIM = Cypher.keepingPlan(CLAIM_DUE.formatted(LINKS, FIELDS));

    static String claimStatement() {
        return CLAIM;
    }

    /** The agencies one receiver serves, and how many of their due messages it can take now (its free calls). */
    record ClaimBatch(List<String> recipients, int limit) {
    }

    /** Takes the due messages of each batch, at most its limit, in the claimant's name, for the lease; one statement. */
    List<OutboundMessage> claimDue(List<ClaimBatch> batches, java.time.Duration lease, Claimant claimant) {
        ZonedDateTime now = ZonedDateTime.now();
        return driver.executableQuery(CLAIM)
                .withParameters(claimParameters(batches, now, now.plus(lease), claimant))
                .execute().records().stream().map(Outbox::asMessage).toList();
    }

    static Map<String, Object> claimParameters(List<ClaimBatch> batches, ZonedDateTime now, ZonedDateTime leaseUntil,
                                               Claimant claimant) {
        return Map.of("now", now,
                "batches", batches.stream().map(b -> Map.<String, Object>of("recipients", b.recipients(), "limit", b.limit())).toList(),
                "limit", batches.stream().mapToInt(ClaimBatch::limit).max().orElse(0),
                "leaseUntil", leaseUntil, "instance", claimant.instance(), "run", claimant.run());
    }

    /**
     * Records the claimant's start and makes the messages its earlier runs had claimed due now;
     * returns how many were still waiting for delivery.
     */
    long releaseEarlierClaims(Claimant claimant) {
        var parameters = Map.<String, Object>of("instance", claimant.instance(), "run", claimant.run(),
                "now", ZonedDateTime.now());
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                tx.run(INSTANCE_STARTED, parameters).consume();
                return tx.run(RELEASE_EARLIER_RUNS, parameters).single().get("released").asLong();
            });
        }
    }

    /** The hub instance that takes messages, and its run: a name kept across restarts, and one per start. */
    record Claimant(String instance, String run) {
    }

    /**
     * @param answer the receiver's answer, kept with the delivery when the exchange reads it (FHIR: an
     *               acknowledgement), so that a crash before the exchange applied it loses nothing
     */
    void delivered(String id, String receiver, String responseHash, String answer) {
        driver.executableQuery(DELIVERED).withParameters(Cypher.params("id", id, "receiver", receiver,
                "responseHash", responseHash, "answer", answer, "now", ZonedDateTime.now())).execute();
    }

    /** Delivered messages of the exchange whose kept answer the exchange has not applied yet, oldest first. */
    public List<FhirResponse> unappliedAnswers(String exchange, int limit) {
        return driver.executableQuery(UNAPPLIED_ANSWERS).withParameters(Map.of("exchange", exchange, "limit", limit))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new FhirResponse(r.get("id").asString(), exchange, r.get("recipient").asString(),
                        r.get("answer").asString()))
                .toList();
    }

    /** The exchange applied the answer kept with the delivery (applying it again would change nothing). */
    public void answerApplied(String id) {
        driver.executableQuery(ANSWER_APPLIED).withParameters(Map.of("id", id, "now", ZonedDateTime.now())).execute();
    }

    /** Counts a failed attempt; returns the status it leaves the message in (PENDING or DEAD). */
    OutboundMessage.Status failed(String id, String receiver, String error, int maxAttempts, ZonedDateTime nextAttemptAt) {
        var rows = driver.executableQuery(FAILED).withParameters(Cypher.params("id", id, "receiver", receiver,
                "error", error, "maxAttempts", maxAttempts, "nextAttemptAt", nextAttemptAt, "now", ZonedDateTime.now()))
                .execute().records();
        return OutboundMessage.Status.valueOf(rows.getFirst().get("status").asString());
    }

    /** A message of an agency no receiver serves, failed by {@link #failUnserved}. */
    record FailedUnserved(String id, String exchange, String recipient, OutboundMessage.Status status, int attempts) {
    }

    /**
     * Fails at most {@code limit} due messages of each of these agencies, which no receiver serves, in one
     * write, as {@link #failed} fails one: each with its agency's error; a message that had failed k times
     * before is next tried at {@code nextAttemptAfter[k]}, or is DEAD when this was its last attempt.
     */
    List<FailedUnserved> failUnserved(Map<String, String> errorByRecipient, int limit, int maxAttempts,
                                      List<ZonedDateTime> nextAttemptAfter) {
        return driver.executableQuery(FAILED_UNSERVED).withParameters(Map.of(
                        "recipients", List.copyOf(errorByRecipient.keySet()), "errors", errorByRecipient,
                        "limit", limit, "now", ZonedDateTime.now(), "maxAttempts", maxAttempts,
                        "nextAttemptAfter", nextAttemptAfter))
                .execute().records().stream()
                .map(r -> new FailedUnserved(r.get("id").asString(), r.get("exchange").asString(),
                        r.get("recipient").asString(), OutboundMessage.Status.valueOf(r.get("status").asString()),
                        r.get("attempts").asInt()))
                .toList();
    }

    /** Moves the next attempt without counting one: the receiver's circuit is open. */
    void postpone(String id, String reason, ZonedDateTime nextAttemptAt) {
        driver.executableQuery(POSTPONED).withParameters(Map.of("id", id, "reason", reason,
                "nextAttemptAt", nextAttemptAt)).execute();
    }

    /** A dead message back to PENDING with a fresh retry budget; empty when there is no such dead message. */
    Optional<OutboundMessage> replay(String id, String by) {
        var replayed = driver.executableQuery(REPLAY)
                .withParameters(Map.of("id", id, "by", by, "now", ZonedDateTime.now())).execute().records();
        Optional<OutboundMessage> message = replayed.isEmpty() ? Optional.empty() : byId(id);
        message.ifPresent(m -> events.publishEvent(new Queued(m.recipient())));
        return message;
    }

    Optional<OutboundMessage> byId(String id) {
        return driver.executableQuery(BY_ID.formatted(LINKS, FIELDS)).withParameters(Map.of("id", id))
                .execute().records().stream().map(Outbox::asMessage).findFirst();
    }

    /** How many messages waited at each of the points (in their order). */
    long[] depth(List<ZonedDateTime> points, PersonScope scope, HealthScope health) {
        Map<String, Object> parameters = health.addedTo(DEPTH.parameters(scope, Cypher.params("points", points,
                "from", points.getFirst(), "to", points.getLast())));
        long[] depth = new long[points.size()];
        driver.executableQuery(DEPTH.cypher(scope)).withParameters(parameters).withConfig(Cypher.READ).execute().records()
                .forEach(r -> depth[r.get("i").asInt()] = r.get("depth").asLong());
        return depth;
    }

    Connection<OutboundMessage> page(OutboundMessage.Status status, String recipient, String exchange, String person,
                                     int first, Cursor after, PersonScope scope, HealthScope health) {
        Map<String, Object> parameters = health.addedTo(PAGE.parameters(scope, Cypher.params("status", status == null ? null : status.name(),
                "recipient", recipient, "exchange", exchange, "person", person, "limit", first + 1,
                "afterCreated", after == null ? null : ZonedDateTime.parse(after.key(0)),
                "afterId", after == null ? null : after.key(1))));
        List<OutboundMessage> rows = driver.executableQuery(PAGE.cypher(scope))
                .withParameters(parameters).withConfig(Cypher.READ)
                .execute().records().stream().map(Outbox::asMessage).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                m -> new Cursor("outbound", List.of(m.createdAt().toString(), m.id())));
    }

    private static OutboundMessage asMessage(Record r) {
        return new OutboundMessage(r.get("id").asString(), r.get("exchange").asString(), r.get("recipient").asString(),
                r.get("personId").asString(null), r.get("obligationId").asString(null),
                OutboundMessage.Status.valueOf(r.get("status").asString()), r.get("attempts").asInt(),
                r.get("createdAt").asZonedDateTime(), dateTime(r, "nextAttemptAt"), dateTime(r, "deliveredAt"),
                r.get("lastError").asString(null), r.get("payload").asString(), r.get("contentHash").asString(),
                r.get("responseHash").asString(null), r.get("receiver").asString(null), r.get("endUser").asString(null),
                r.get("purpose").asString(null), r.get("causedBy").asString(null), r.get("traceparent").asString(null));
    }

    private static ZonedDateTime dateTime(Record r, String key) {
        return r.get(key).isNull() ? null : r.get(key).asZonedDateTime();
    }
}
