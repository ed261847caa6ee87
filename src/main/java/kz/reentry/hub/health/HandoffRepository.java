package kz.reentry.hub.health;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.referral.ReferralReceivers;
import kz.reentry.hub.release.WalksOut;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Repository;

/** HealthHandoff nodes: one per HEALTH referral handed over, (:HealthHandoff)-[:HANDS_OVER]->(:Referral). */
@Repository
class HandoffRepository {

    /**
     * What a message of a handoff is built from, given {@code p}, {@code r}, {@code receiver} and
     * {@code walksOut}: the person, the sender, the receiver's region and the latest medical part.
     */
    private static final String FACTS = """
            MATCH (r)-[:FROM]->(sender:Party)
            CALL (receiver) {
              OPTIONAL MATCH (receiver)-[:SERVES]->(served:Region)
              RETURN served.code AS region ORDER BY served.code LIMIT 1
            }
            CALL (p) {
              OPTIONAL MATCH (m:MedicalPart)-[:ABOUT]->(p)
              WITH m ORDER BY m.receivedAt DESC LIMIT 1
              RETURN m AS medical
            }
            RETURN r.id AS referralId, p.id AS personId, r.reason AS reason, walksOut,
                   p {.iin, .surname, .givenName, .patronymic, .birthDate} AS person,
                   sender.code AS senderCode, sender.name AS senderName,
                   receiver.code AS receiverCode, receiver.name AS receiverName, region,
                   medical {.conditions, .medications, .allergies, .disabilityGroup} AS medical
            """;
    /**
     * Open HEALTH referrals not yet handed over to their receiver (or whose last bundle was found
     * invalid), whose person walks out by the horizon of the referral's condition; a person of whom
     * the hub knows no release date is handed over at once. A referral routed for a destination the
     * person no longer goes to waits for {@link #MOVED} to send it where the person goes.
     */
    private static final String DUE = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'HEALTH'})-[:TO]->(receiver:Party)
            WHERE r.status = 'REQUESTED' AND ($referralId IS NULL OR r.id = $referralId)
              AND ($personId IS NULL OR p.id = $personId)
              AND NOT EXISTS { (r)<-[:HANDS_OVER]-(h:HealthHandoff)
                               WHERE coalesce(h.kind, 'HANDOFF') = 'HANDOFF' AND h.receiver = receiver.code
                                 AND NOT h.status IN ['INVALID', 'CANCELLED'] }
            """ + WalksOut.OF_P + """
            WITH * WHERE walksOut IS NULL
              OR walksOut <= $today + duration({days: coalesce($daysByCondition[coalesce(r.condition, '')], $days)})
            """ + ReferralReceivers.DESTINATION_OF_P + """
            WITH * WHERE r.destination IS NULL OR destination IS NULL OR r.destination = destination.code
            """ + FACTS + ", destination.code AS destination";
    /**
     * Open HEALTH referrals whose person now goes somewhere else than the destination their receiver
     * was chosen (or the handoff sent) for, with the party that takes over there and the handoff the
     * old receiver got, if any.
     */
    private static final String MOVED = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'HEALTH'})-[:TO]->(receiver:Party)
            WHERE NOT r.status IN ['REJECTED', 'COMPLETED', 'CANCELLED'] AND r.destination IS NOT NULL
              AND ($personId IS NULL OR p.id = $personId)
            """ + ReferralReceivers.DESTINATION_OF_P + """
            WITH * WHERE destination IS NOT NULL AND destination.code <> r.destination
            WITH *, r.condition AS category
            """ + ReferralReceivers.HEALTH_RECEIVER_AT_DESTINATION + """
            OPTIONAL MATCH (h:HealthHandoff)-[:HANDS_OVER]->(r)
            WHERE coalesce(h.kind, 'HANDOFF') = 'HANDOFF' AND h.receiver = receiver.code
              AND NOT h.status IN ['INVALID', 'CANCELLED']
            """ + WalksOut.OF_P + FACTS + """
            , destination.code AS destination, r.destination AS previous, takesOver.code AS takesOver,
              h.id AS handoffId, h.obligationId AS obligationId
            """;
    /** Handoffs that left before the person's release was recorded, whose receiver has not been told of it. */
    private static final String RELEASED_SINCE = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'HEALTH'})-[:TO]->(receiver:Party)
            WHERE NOT r.status IN ['REJECTED', 'COMPLETED', 'CANCELLED'] AND ($personId IS NULL OR p.id = $personId)
            MATCH (h:HealthHandoff)-[:HANDS_OVER]->(r)
            WHERE coalesce(h.kind, 'HANDOFF') = 'HANDOFF' AND h.receiver = receiver.code
              AND NOT h.status IN ['INVALID', 'CANCELLED']
            CALL (p) {
              MATCH (p)-[:WAS]->(s:PersonState {kind: 'RELEASED'})
              RETURN s ORDER BY s.from DESC, s.receivedAt DESC LIMIT 1
            }
            WITH * WHERE s.receivedAt > h.createdAt
              AND NOT EXISTS { (u:HealthHandoff {kind: 'RELEASED', occasion: s.id})-[:HANDS_OVER]->(r)
                               WHERE u.receiver = receiver.code AND u.status <> 'INVALID' }
            WITH *, s.from AS walksOut
            """ + FACTS + ", s.id AS occasion";
    /**
     * Handoffs that left before the latest medical part of their person came (MedicalParts marks it
     * NEWER_THAN them), whose receiver has not been sent that part.
     */
    private static final String NEWER_MEDICAL_PART = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'HEALTH'})-[:TO]->(receiver:Party)
            WHERE NOT r.status IN ['REJECTED', 'COMPLETED', 'CANCELLED'] AND ($personId IS NULL OR p.id = $personId)
            MATCH (h:HealthHandoff)-[:HANDS_OVER]->(r)
            WHERE coalesce(h.kind, 'HANDOFF') = 'HANDOFF' AND h.receiver = receiver.code
              AND NOT h.status IN ['INVALID', 'CANCELLED']
            CALL (p) {
              MATCH (newest:MedicalPart)-[:ABOUT]->(p)
              RETURN newest ORDER BY newest.receivedAt DESC LIMIT 1
            }
            WITH * WHERE EXISTS { (newest)-[:NEWER_THAN]->(h) }
              AND NOT EXISTS { (u:HealthHandoff {kind: 'NEW_MEDICAL_PART', occasion: newest.id})-[:HANDS_OVER]->(r)
                               WHERE u.receiver = receiver.code AND u.status <> 'INVALID' }
            """ + WalksOut.OF_P + FACTS + ", newest.id AS occasion";
    /**
     * Inside the transaction that sends a handoff: locks the referral by writing to it, then checks
     * under the lock that no other run (the hourly one, the one started by openReferral) sent it first.
     */
    private static final String CLAIM = """
            MATCH (r:Referral {id: $referralId})
            SET r._handoffClaim = true
            REMOVE r._handoffClaim
            WITH r
            WHERE NOT EXISTS { (r)<-[:HANDS_OVER]-(h:HealthHandoff {id: $messageId}) WHERE h.status <> 'INVALID' }
            RETURN r.id AS id
            """;
    private static final String RECORD = """
            MATCH (r:Referral {id: $referralId})
            MERGE (h:HealthHandoff {id: $messageId})
            ON CREATE SET h.createdAt = $now
            SET h.status = $status, h.errors = $errors, h.receiver = $receiver, h.obligationId = $obligationId,
                h.outboundMessageId = $outboundMessageId, h.updatedAt = $now, h.kind = $kind, h.occasion = $occasion
            MERGE (h)-[:HANDS_OVER]->(r)
            FOREACH (d IN CASE WHEN $kind = 'HANDOFF' AND $status = 'SENT' AND $destination IS NOT NULL
                               THEN [$destination] ELSE [] END | SET r.destination = d)
            """;
    /** The old receiver's handoff and its duty end when the person goes elsewhere. */
    private static final String CANCEL_HANDOFF = """
            MATCH (h:HealthHandoff {id: $handoffId})
            SET h.status = 'CANCELLED', h.updatedAt = $now
            """;
    private static final String MESSAGE_SENT = """
            MATCH (h:HealthHandoff {id: $messageId}) WHERE h.status <> 'INVALID' RETURN h.id AS id
            """;
    private static final String BY_MESSAGE_ID = """
            MATCH (h:HealthHandoff {id: $messageId})-[:HANDS_OVER]->(r:Referral)<-[:REFERRED]-(p:Person)
            RETURN h.id AS messageId, r.id AS referralId, p.id AS personId, h.receiver AS receiver,
                   h.status AS status, h.obligationId AS obligationId
            """;
    private static final String BY_REFERRAL_ID = """
            MATCH (h:HealthHandoff)-[:HANDS_OVER]->(r:Referral {id: $referralId})<-[:REFERRED]-(p:Person)
            WHERE coalesce(h.kind, 'HANDOFF') = 'HANDOFF' AND h.receiver = $receiver
              AND NOT h.status IN ['INVALID', 'CANCELLED']
            RETURN h.id AS messageId, r.id AS referralId, p.id AS personId, h.receiver AS receiver,
                   h.status AS status, h.obligationId AS obligationId
            """;
    /** Returns nothing when the inbound message was seen before: each is applied once. */
    private static final String ANSWERED = """
            MATCH (h:HealthHandoff {id: $messageId})
            WHERE NOT $inboundId IN coalesce(h.inboundIds, [])
            SET h.inboundIds = coalesce(h.inboundIds, []) + $inboundId, h.status = $status,
                h.acknowledgedAt = CASE WHEN $acknowledged THEN coalesce(h.acknowledgedAt, $now) ELSE h.acknowledgedAt END,
                h.lastAnswer = $answer, h.updatedAt = $now
            RETURN h.id AS id
            """;

    private final Driver driver;

    HandoffRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * Every referral due by its horizon (today plus the days of its condition, or the default), or
     * only the person's, or only the one referral named.
     */
    List<Due> due(LocalDate today, Map<String, Integer> daysByCondition, int days, String personId, String referralId) {
        return read(DUE, Cypher.params("today", today, "daysByCondition", daysByCondition, "days", days,
                "personId", personId, "referralId", referralId));
    }

    /** The handoffs whose receiver has not heard of the person's recorded release (everyone's, or the person's). */
    List<Due> releasedSince(String personId) {
        return read(RELEASED_SINCE, Cypher.params("personId", personId));
    }

    /** The handoffs whose receiver has not had the person's newer medical part (everyone's, or the person's). */
    List<Due> newerMedicalPart(String personId) {
        return read(NEWER_MEDICAL_PART, Cypher.params("personId", personId));
    }

    /** Referrals whose person now goes elsewhere than their receiver was chosen for (everyone's, or the person's). */
    List<Moved> moved(String personId) {
        return driver.executableQuery(MOVED).withParameters(Cypher.params("personId", personId))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new Moved(asDue(r), r.get("previous").asString(), r.get("takesOver").asString(null),
                        r.get("handoffId").asString(null), r.get("obligationId").asString(null)))
                .toList();
    }

    private List<Due> read(String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters).withConfig(Cypher.READ)
                .execute().records().stream().map(HandoffRepository::asDue).toList();
    }

    /** One message of a handoff, as recorded in the transaction that puts it in the outbox. */
    record Recorded(String messageId, String referralId, HandoffFacts.MessageKind kind, String status,
                    List<String> errors, String receiver, String obligationId, String outboundMessageId,
                    String occasion, String destination) {
    }

    void record(TransactionContext tx, Recorded message) {
        tx.run(RECORD, Cypher.params("messageId", message.messageId(), "referralId", message.referralId(),
                "kind", message.kind().name(), "status", message.status(), "errors", message.errors(),
                "receiver", message.receiver(), "obligationId", message.obligationId(),
                "outboundMessageId", message.outboundMessageId(), "occasion", message.occasion(),
                "destination", message.destination(), "now", ZonedDateTime.now())).consume();
    }

    /** True when this transaction may send the message (nobody sent it yet); holds the referral's lock till commit. */
    boolean claim(TransactionContext tx, String referralId, String messageId) {
        return tx.run(CLAIM, Map.of("referralId", referralId, "messageId", messageId)).hasNext();
    }

    void recordInvalid(Recorded message) {
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                record(tx, message);
                return null;
            });
        }
    }

    /** True when the message was put in the outbox (by this run or an earlier one). */
    boolean sent(String messageId) {
        return driver.executableQuery(MESSAGE_SENT).withParameters(Map.of("messageId", messageId))
                .withConfig(Cypher.READ).execute().records().size() > 0;
    }

    /** The old receiver's handoff ends; its duty is cancelled by the caller in the same transaction. */
    void cancel(TransactionContext tx, String handoffId) {
        tx.run(CANCEL_HANDOFF, Map.of("handoffId", handoffId, "now", ZonedDateTime.now())).consume();
    }

    Optional<Sent> byMessageId(String messageId) {
        return driver.executableQuery(BY_MESSAGE_ID).withParameters(Map.of("messageId", messageId))
                .execute().records().stream().map(HandoffRepository::asSent).findFirst();
    }

    /** The handoff (not a release notice or a cancellation) of the referral to this receiver. */
    Optional<Sent> byReferralId(String referralId, String receiver) {
        return driver.executableQuery(BY_REFERRAL_ID).withParameters(Cypher.params("referralId", referralId,
                        "receiver", receiver))
                .execute().records().stream().map(HandoffRepository::asSent).findFirst();
    }

    /** Records an answer about the handoff; false when this inbound message was applied before. */
    boolean answered(TransactionContext tx, String messageId, String inboundId, String status, boolean acknowledged,
                     String answer) {
        return tx.run(ANSWERED, Cypher.params("messageId", messageId, "inboundId", inboundId, "status", status,
                "acknowledged", acknowledged, "answer", answer, "now", ZonedDateTime.now())).hasNext();
    }

    private static Sent asSent(Record r) {
        return new Sent(r.get("messageId").asString(), r.get("referralId").asString(), r.get("personId").asString(),
                r.get("receiver").asString(null), r.get("status").asString(), r.get("obligationId").asString(null));
    }

    private static Due asDue(Record r) {
        var person = r.get("person");
        return new Due(r.get("referralId").asString(), r.get("personId").asString(), r.get("reason").asString(null),
                r.get("walksOut").isNull() ? null : r.get("walksOut").asLocalDate(),
                new HandoffFacts.PersonFacts(person.get("iin").asString(null), person.get("surname").asString(null),
                        person.get("givenName").asString(null), person.get("patronymic").asString(null),
                        person.get("birthDate").isNull() ? null : person.get("birthDate").asLocalDate()),
                new HandoffFacts.Organisation(r.get("senderCode").asString(), r.get("senderName").asString(null)),
                new HandoffFacts.Organisation(r.get("receiverCode").asString(), r.get("receiverName").asString(null)),
                r.get("region").asString(null),
                r.get("medical").isNull() ? null : r.get("medical").get("conditions").asString(null),
                r.get("medical").isNull() ? null : r.get("medical").get("medications").asString(null),
                r.get("medical").isNull() ? List.of() : r.get("medical").get("allergies").asList(v -> v.asString(), List.of()),
                r.get("medical").isNull() ? null : r.get("medical").get("disabilityGroup").asString(null),
                has(r, "destination") ? r.get("destination").asString(null) : null,
                has(r, "occasion") ? r.get("occasion").asString(null) : null);
    }

    private static boolean has(Record r, String key) {
        return r.containsKey(key);
    }

    /**
     * @param conditions, medications the latest medical part's, as JSON (MedicalParts), when one came
     * @param disabilityGroup the latest medical part's disability group (I, II, III), if it gave one
     * @param destination the region the person goes to (for a handoff), when known
     * @param occasion    what a RELEASED or NEW_MEDICAL_PART message tells of (HandoffFacts.Edition)
     */
    record Due(String referralId, String personId, String reason, LocalDate walksOut, HandoffFacts.PersonFacts person,
               HandoffFacts.Organisation sender, HandoffFacts.Organisation receiver, String region,
               String conditions, String medications, List<String> allergies, String disabilityGroup,
               String destination, String occasion) {
    }

    /**
     * @param referral  the referral as it is: its receiver was chosen for {@code previous}; its
     *                  destination is where the person goes now
     * @param takesOver who takes it over there; null when the reference data names nobody
     * @param handoffId the handoff the current receiver got, if it left
     */
    record Moved(Due referral, String previous, String takesOver, String handoffId, String obligationId) {
    }

    /** A handoff that left (or waits in the outbox), as the acknowledgements find it. */
    record Sent(String messageId, String referralId, String personId, String receiver, String status,
                String obligationId) {
    }
}
