package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import org.apache.camel.Exchange;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter store in the graph: every rejected message with its payload as received, the
 * broken rules, who sent it and how, until a replay is accepted. Nothing rejected is dropped.
 */
@Component("deadLetters")
public class DeadLetterStore {

    private static final String KEEP = """
            CREATE (d:DeadLetter {id: $id, exchange: $exchange, channel: $channel, receivedAt: $now,
                                  sender: $sender, senderAgency: $senderAgency, messageId: $messageId, status: 'PENDING',
                                  payload: $payload, errors: $errors, attempts: 1, replayTo: $replayTo,
                                  contentHash: $contentHash, responseHash: $responseHash,
                                  batchFile: $batchFile, batchRecord: $batchRecord})
            """;
    /*
     * A rejected message never became rows of the graph: its payload may name a person the hub does not
     * know, mistype an IIN or name someone else, so it cannot be placed within a caller's rows. Only a
     * caller who sees every person ($seesAll) sees dead letters, as it alone sees rejected inbound messages.
     */
    private static final String FIND = "MATCH (d:DeadLetter {id: $id}) WHERE $seesAll AND "
            + PersonScope.placedBy("d.senderAgency") + " RETURN d";
    /** Less the E3 ones for a caller who may not know of health messages (HealthScope). */
    private static final String PAGE = """
            MATCH (d:DeadLetter)
            WHERE $seesAll AND %s AND d.status = $status AND %s
              AND ($batches IS NULL OR d.batchFile IN $batches)
              AND ($afterTime IS NULL OR d.receivedAt > $afterTime
                   OR (d.receivedAt = $afterTime AND d.id > $afterId))
            RETURN d
            ORDER BY d.receivedAt, d.id
            LIMIT $limit
            """.formatted(PersonScope.placedBy("d.senderAgency"), HealthScope.messageSeen("d"));
    private static final String REPLAYED = """
            MATCH (d:DeadLetter {id: $id})
            SET d.status = 'REPLAYED', d.payload = $payload, d.attempts = d.attempts + 1,
                d.resolvedAt = $now, d.resolvedBy = $operator, d.resolvedByMessageId = $messageId
            RETURN d
            """;
    private static final String REPLAY_FAILED = """
            MATCH (d:DeadLetter {id: $id})
            SET d.payload = $payload, d.errors = $errors, d.attempts = d.attempts + 1,
                d.lastAttemptAt = $now, d.lastAttemptBy = $operator
            RETURN d
            """;
    /** Persons a payload names, by the IINs in it: whom reading it discloses. */
    private static final String PERSONS_BY_IIN = """
            UNWIND $iins AS iin
            MATCH (p:Person {iin: iin})
            RETURN iin, p.id AS id
            """;
    /** An IIN in any payload format (JSON, CSV, XML), valid or mistyped: twelve digits standing alone. */
    private static final java.util.regex.Pattern TWELVE_DIGITS = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final Driver driver;
    private final JsonMapper json;
    private final IntakeCounts counts;

    DeadLetterStore(Driver driver, JsonMapper json, IntakeCounts counts) {
        this.counts = counts;
        this.driver = driver;
        this.json = json;
    }

    /** Called by a channel's rejection handler with the exchange that failed. */
    public Rejection keep(Exchange exchange) {
        var rejected = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RecordRejectedException.class);
        String payload = exchange.getProperty(IntakeHeaders.PAYLOAD, String.class);
        var message = exchange.getMessage();
        return keep(new Rejected(message.getHeader(IntakeHeaders.EXCHANGE, "unknown", String.class),
                message.getHeader(IntakeHeaders.CHANNEL, "unknown", String.class),
                message.getHeader(IntakeHeaders.SENDER, "unknown", String.class),
                message.getHeader(IntakeHeaders.SENDER_AGENCY, String.class), rejected.messageId(),
                payload == null ? message.getBody(String.class) : payload, rejected.errors(),
                message.getHeader(IntakeHeaders.REPLAY_TO, String.class),
                message.getHeader(IntakeHeaders.BATCH_FILE, String.class),
                message.getHeader(IntakeHeaders.BATCH_RECORD, Long.class)));
    }

    /**
     * A rejected message or record, as received, with every broken rule.
     *
     * @param batchFile   the batch the record came in, and its place there; null when it came alone (a
     *                    record of a feed read in one request has its place and no batch)
     */
    public record Rejected(String exchange, String channel, String sender, String senderAgency, String messageId,
                           String payload,
                           List<FieldError> errors, String replayTo, String batchFile, Long batchRecord) {
    }

    /** Keeps a rejected record that has no Camel exchange of its own (one record of a stream read on). */
    public Rejection keep(Rejected rejected) {
        String id = UUID.randomUUID().toString();
        var rejection = new Rejection(id, rejected.messageId(), rejected.errors());
        driver.executableQuery(KEEP).withParameters(Cypher.params(
                "id", id,
                "exchange", rejected.exchange(),
                "channel", rejected.channel(),
                "sender", rejected.sender(),
                "senderAgency", rejected.senderAgency(),
                "messageId", rejected.messageId(),
                "payload", rejected.payload(),
                "contentHash", Sha256.hex(rejected.payload()),
                "responseHash", Sha256.hex(json.writeValueAsString(rejection.reply())),
                "errors", json.writeValueAsString(rejected.errors()),
                "replayTo", rejected.replayTo(),
                "batchFile", rejected.batchFile(),
                "batchRecord", rejected.batchRecord(),
                "now", ZonedDateTime.now())).execute();
        counts.rejected(rejected.exchange(), rejected.channel());
        return rejection;
    }

    /** The dead letter, if the caller sees every person (see FIND). */
    public Optional<DeadLetter> find(String id, PersonScope scope) {
        return withPersons(driver.executableQuery(FIND).withParameters(scope.addedTo(Map.of("id", id, "seesAll", scope.seesAll())))
                .withConfig(Cypher.READ).execute().records()).stream().findFirst();
    }

    /**
     * Oldest first; none to a caller who does not see every person (see FIND), no E3 one to a caller who may not know of them.
     *
     * @param batches the batch files whose records only (a batch and those it carried on from); null for any
     */
    public Connection<DeadLetter> page(DeadLetter.Status status, List<String> batches, int first, Cursor after,
                                       PersonScope scope, HealthScope health) {
        List<DeadLetter> rows = withPersons(driver.executableQuery(PAGE).withParameters(scope.addedTo(health.addedTo(Cypher.params(
                        "seesAll", scope.seesAll(),
                        "batches", batches,
                        "status", status.name(),
                        "afterTime", after == null ? null : ZonedDateTime.parse(after.key(0)),
                        "afterId", after == null ? null : after.key(1),
                        "limit", first + 1))))
                .withConfig(Cypher.READ).execute().records());
        return Connection.ofOneExtra(rows, first, after != null,
                d -> new Cursor("deadLetter", List.of(d.receivedAt().toString(), d.id())));
    }

    DeadLetter markReplayed(String id, String payload, String messageId, String operator) {
        return update(REPLAYED, Cypher.params("id", id, "payload", payload, "messageId", messageId,
                "operator", operator, "now", ZonedDateTime.now()));
    }

    DeadLetter recordFailedReplay(String id, String payload, List<FieldError> errors, String operator) {
        return update(REPLAY_FAILED, Map.of("id", id, "payload", payload, "errors", json.writeValueAsString(errors),
                "operator", operator, "now", ZonedDateTime.now()));
    }

    private DeadLetter update(String query, Map<String, Object> parameters) {
        return withPersons(driver.executableQuery(query).withParameters(parameters).execute().records()).getFirst();
    }

    /** The dead letters of these records, each with the persons its payload names, found in one query. */
    private List<DeadLetter> withPersons(List<Record> records) {
        List<org.neo4j.driver.types.Node> nodes = records.stream().map(r -> r.get("d").asNode()).toList();
        List<String> iins = nodes.stream().flatMap(d -> iinsIn(d.get("payload").asString()).stream()).distinct().toList();
        Map<String, String> ids = new HashMap<>();
        if (!iins.isEmpty()) {
            driver.executableQuery(PERSONS_BY_IIN).withParameters(Map.of("iins", iins)).withConfig(Cypher.READ).execute()
                    .records().forEach(r -> ids.put(r.get("iin").asString(), r.get("id").asString()));
        }
        return nodes.stream().map(d -> asDeadLetter(d, iinsIn(d.get("payload").asString()).stream()
                .map(iin -> ids.getOrDefault(iin, "iin:" + iin)).toList())).toList();
    }

    static List<String> iinsIn(String payload) {
        return payload == null ? List.of()
                : TWELVE_DIGITS.matcher(payload).results().map(java.util.regex.MatchResult::group).distinct().toList();
    }

    private DeadLetter asDeadLetter(org.neo4j.driver.types.Node d, List<String> personIds) {
        return new DeadLetter(
                d.get("id").asString(),
                d.get("exchange").asString(),
                d.get("channel").asString(),
                d.get("receivedAt").asZonedDateTime(),
                d.get("sender").asString(null),
                d.get("messageId").asString(null),
                DeadLetter.Status.valueOf(d.get("status").asString()),
                d.get("payload").asString(),
                json.readValue(d.get("errors").asString(), ERRORS),
                d.get("attempts").asInt(),
                d.get("resolvedAt").isNull() ? null : d.get("resolvedAt").asZonedDateTime(),
                d.get("replayTo").asString(null),
                personIds,
                d.get("senderAgency").asString(null));
    }

    /** What the sender is told about a rejected message. */
    public record Rejection(String deadLetterId, String messageId, List<FieldError> errors) {

        /** The answer a sender gets (the HTTP body); its hash is kept with the dead letter. */
        public Reply reply() {
            return new Reply("REJECTED", messageId, deadLetterId, errors);
        }
    }

    /** 400: every broken rule, and where the message is kept until it is corrected and replayed. */
    public record Reply(String status, String messageId, String deadLetterId, List<FieldError> errors) {
    }
}
