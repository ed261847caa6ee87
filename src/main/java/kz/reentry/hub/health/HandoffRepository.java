package kz.reentry.hub.health;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Repository;

/** HealthHandoff nodes: one per HEALTH referral handed over, (:HealthHandoff)-[:HANDS_OVER]->(:Referral). */
@Repository
class HandoffRepository {

    /**
     * Open HEALTH referrals not yet handed over (or whose last bundle was found invalid), whose person
     * walks out by the horizon: the latest planned release, or the end of term; a person of whom the
     * hub knows no release date is handed over at once.
     */
    private static final String DUE = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'HEALTH'})-[:TO]->(receiver:Party)
            WHERE r.status = 'REQUESTED' AND ($referralId IS NULL OR r.id = $referralId)
              AND NOT EXISTS { (r)<-[:HANDS_OVER]-(h:HealthHandoff) WHERE h.status <> 'INVALID' }
            MATCH (r)-[:FROM]->(sender:Party)
            OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)
            OPTIONAL MATCH (e)-[:ENDS_WITH]->(release:PlannedRelease)
            WITH p, r, receiver, sender, e, release ORDER BY e.termStart DESC
            WITH p, r, receiver, sender, head(collect(e)) AS episode, head(collect(release)) AS release
            WITH p, r, receiver, sender, coalesce(release.date, episode.termEnd) AS walksOut
            WHERE walksOut IS NULL OR walksOut <= $horizon
            OPTIONAL MATCH (receiver)-[:SERVES]->(region:Region)
            WITH p, r, receiver, sender, walksOut, head(collect(region.code)) AS region
            OPTIONAL MATCH (m:MedicalPart)-[:ABOUT]->(p)
            WITH p, r, receiver, sender, walksOut, region, m ORDER BY m.receivedAt DESC
            WITH p, r, receiver, sender, walksOut, region, head(collect(m)) AS medical
            RETURN r.id AS referralId, p.id AS personId, r.reason AS reason, walksOut,
                   p {.iin, .surname, .givenName, .patronymic, .birthDate} AS person,
                   sender.code AS senderCode, sender.name AS senderName,
                   receiver.code AS receiverCode, receiver.name AS receiverName, region,
                   medical {.conditions, .medications, .allergies, .disabilityGroup} AS medical
            """;
    /**
     * Inside the transaction that sends a handoff: locks the referral by writing to it, then checks
     * under the lock that no other run (the hourly one, the one started by openReferral) sent it first.
     */
    private static final String CLAIM = """
            MATCH (r:Referral {id: $referralId})
            SET r._handoffClaim = true
            REMOVE r._handoffClaim
            WITH r
            WHERE NOT EXISTS { (r)<-[:HANDS_OVER]-(h:HealthHandoff) WHERE h.status <> 'INVALID' }
            RETURN r.id AS id
            """;
    private static final String RECORD = """
            MATCH (r:Referral {id: $referralId})
            MERGE (h:HealthHandoff {id: $messageId})
            ON CREATE SET h.createdAt = $now
            SET h.status = $status, h.errors = $errors, h.receiver = $receiver, h.obligationId = $obligationId,
                h.outboundMessageId = $outboundMessageId, h.updatedAt = $now
            MERGE (h)-[:HANDS_OVER]->(r)
            """;
    private static final String BY_MESSAGE_ID = """
            MATCH (h:HealthHandoff {id: $messageId})-[:HANDS_OVER]->(r:Referral)<-[:REFERRED]-(p:Person)
            RETURN h.id AS messageId, r.id AS referralId, p.id AS personId, h.receiver AS receiver,
                   h.status AS status, h.obligationId AS obligationId
            """;
    private static final String BY_REFERRAL_ID = """
            MATCH (h:HealthHandoff)-[:HANDS_OVER]->(r:Referral {id: $referralId})<-[:REFERRED]-(p:Person)
            WHERE h.status <> 'INVALID'
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

    /** Every referral due by the horizon, or only the one named. */
    List<Due> due(LocalDate horizon, String referralId) {
        return driver.executableQuery(DUE).withParameters(Cypher.params("horizon", horizon, "referralId", referralId))
                .withConfig(Cypher.READ)
                .execute().records().stream().map(HandoffRepository::asDue).toList();
    }

    void record(TransactionContext tx, String messageId, String referralId, String status, List<String> errors,
                String receiver, String obligationId, String outboundMessageId) {
        tx.run(RECORD, Cypher.params("messageId", messageId, "referralId", referralId, "status", status,
                "errors", errors, "receiver", receiver, "obligationId", obligationId,
                "outboundMessageId", outboundMessageId, "now", ZonedDateTime.now())).consume();
    }

    /** True when this transaction may send the referral's handoff (nobody sent it yet); holds the lock till commit. */
    boolean claim(TransactionContext tx, String referralId) {
        return tx.run(CLAIM, Map.of("referralId", referralId)).hasNext();
    }

    void recordInvalid(String messageId, String referralId, String receiver, List<String> errors) {
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                record(tx, messageId, referralId, "INVALID", errors, receiver, null, null);
                return null;
            });
        }
    }

    java.util.Optional<Sent> byMessageId(String messageId) {
        return driver.executableQuery(BY_MESSAGE_ID).withParameters(Map.of("messageId", messageId))
                .execute().records().stream().map(HandoffRepository::asSent).findFirst();
    }

    java.util.Optional<Sent> byReferralId(String referralId) {
        return driver.executableQuery(BY_REFERRAL_ID).withParameters(Map.of("referralId", referralId))
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
                r.get("medical").isNull() ? null : r.get("medical").get("disabilityGroup").asString(null));
    }

    /**
     * @param conditions, medications the latest medical part's, as JSON (MedicalParts), when one came
     * @param disabilityGroup the latest medical part's disability group (I, II, III), if it gave one
     */
    record Due(String referralId, String personId, String reason, LocalDate walksOut, HandoffFacts.PersonFacts person,
               HandoffFacts.Organisation sender, HandoffFacts.Organisation receiver, String region,
               String conditions, String medications, List<String> allergies, String disabilityGroup) {
    }

    /** A handoff that left (or waits in the outbox), as the acknowledgements find it. */
    record Sent(String messageId, String referralId, String personId, String receiver, String status,
                String obligationId) {
    }
}
