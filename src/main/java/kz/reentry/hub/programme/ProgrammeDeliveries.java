package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.AccessPolicy;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * E2, programme delivery (order 392, cl. 43): when a release is recorded, the person's individual
 * programme goes to the akimat of the destination within 2 working days. The message is written
 * into the outbox in the release's own transaction. A HEALTH measure reaches an akimat only when the
 * access policy lets it know of it (healthReferrals), and never with its description, which stays
 * with the health organisation (the same rules as for GraphQL reads).
 */
@Component
public class ProgrammeDeliveries {

    static final String EXCHANGE = "E2";

    /**
     * The person, the active programme with each measure and the parties a HEALTH measure is known to
     * (the programme's author, the responsible party, whoever changed it), and the akimats of the destination.
     */
    private static final String PROGRAMME = """
            MATCH (p:Person {id: $personId})
            OPTIONAL MATCH (p)-[:HAS_PROGRAMME]->(prog:Programme {status: 'ACTIVE'})
            RETURN p {.iin, .surname, .givenName, .patronymic, birthDate: toString(p.birthDate)} AS person,
                   CASE WHEN prog IS NULL THEN null ELSE {
                     id: prog.id,
                     drawnUpBy: [(prog)-[:DRAWN_UP_BY]->(author) | author.code][0],
                     measures: [(prog)-[:HAS_MEASURE]->(m:Measure)-[:RESPONSIBLE]->(responsible) | {
                       id: m.id, domain: m.domain, responsible: responsible.code, deadline: toString(m.deadline),
                       status: m.status,
                       description: CASE WHEN m.domain = 'HEALTH' THEN null ELSE m.description END,
                       knownTo: [responsible.code] + [(prog)-[:DRAWN_UP_BY]->(author) | author.code]
                                + [(m)-[:UPDATED]->(u:MeasureUpdate) | u.agency]}]
                   } END AS programme,
                   [(a:Agency)-[:SERVES]->(:Region {code: $destination}) WHERE a.kind = 'LOCAL_EXECUTIVE'
                    | {code: a.code, kind: a.kind}] AS recipients
            """;

    /** The person's open E2 duty, with the release it follows (the duty's id is the release state's id + /E2). */
    private static final String OPEN_DUTY = """
            MATCH (o:Obligation {kind: 'E2_PROGRAMME_DELIVERY', status: 'OPEN'})-[:CONCERNS]->(:Person {id: $personId}),
                  (o)-[:IN_REGION]->(destination:Region)
            WHERE NOT EXISTS { (o)<-[:FULFILS]-(:OutboundMessage) }
            MATCH (s:PersonState {id: left(o.id, size(o.id) - 3)})
            RETURN o.id AS obligationId, destination.code AS destination, s.from AS releaseDate, s.releaseType AS releaseType
            ORDER BY o.dueOn DESC LIMIT 1
            """;
    /** The residence chosen for the latest planned release of a person not yet released. */
    private static final String PLANNED_RESIDENCE = """
            MATCH (p:Person {id: $personId})-[:SERVED]->(e:CustodyEpisode)-[:ENDS_WITH]->(r:PlannedRelease)
                  -[:RESIDENCE_IN]->(residence:Region)
            WHERE NOT EXISTS { (p)-[:WAS]->(:PersonState {kind: 'RELEASED'}) }
            RETURN residence.code AS destination, r.date AS releaseDate, r.type AS releaseType
            ORDER BY e.termStart DESC LIMIT 1
            """;

    private final Outbox outbox;
    private final JsonMapper json;
    private final AccessPolicy policy;

    ProgrammeDeliveries(Outbox outbox, JsonMapper json, AccessPolicy policy) {
        this.outbox = outbox;
        this.json = json;
        this.policy = policy;
    }

    /**
     * When a programme is drawn up: it meets the person's open E2 duty (a release recorded without a
     * programme), or, before the release, goes to the akimat of the chosen residence for information
     * (cl. 43 ¶2; no duty). Nothing when neither applies (no release known).
     */
    public int drawnUp(TransactionContext tx, String personId, String endUser, String purpose, String causedBy) {
        var owed = tx.run(OPEN_DUTY, Map.of("personId", personId)).list();
        if (!owed.isEmpty()) {
            var duty = owed.getFirst();
            return enqueue(tx, duty.get("obligationId").asString(), personId, duty.get("destination").asString(),
                    duty.get("releaseDate").asLocalDate(), duty.get("releaseType").asString(null), endUser, purpose, causedBy);
        }
        var planned = tx.run(PLANNED_RESIDENCE, Map.of("personId", personId)).list();
        if (planned.isEmpty()) {
            return 0;
        }
        var release = planned.getFirst();
        return enqueue(tx, null, personId, release.get("destination").asString(), release.get("releaseDate").asLocalDate(),
                release.get("releaseType").asString(null), endUser, purpose, causedBy);
    }

    /**
     * Puts the programme into the outbox for each akimat of the destination; returns how many messages
     * were added. Without a programme nothing is sent: the E2 duty is met by a programme only, so it
     * stays open (and becomes overdue) until one is drawn up ({@link #drawnUp}).
     */
    public int enqueue(TransactionContext tx, String obligationId, String personId, String destination,
                       LocalDate releaseDate, String releaseType, String endUser, String purpose, String causedBy) {
        Record row = tx.run(PROGRAMME, Cypher.params("personId", personId, "destination", destination)).single();
        if (row.get("programme").isNull()) {
            return 0;
        }
        int added = 0;
        for (Value recipient : row.get("recipients").values()) {
            String code = recipient.get("code").asString();
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("notice", "E2 individual programme (order 392, cl. 43)");
            content.put("person", row.get("person").asMap());
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("date", releaseDate.toString());
            release.put("type", releaseType);
            release.put("destinationRegion", destination);
            // drawn up before the release: the akimat prepares; after it, the duty of cl. 43 is met
            release.put("released", obligationId != null);
            content.put("release", release);
            content.put("programme", programmeFor(row.get("programme"), code, recipient.get("kind").asString(null)));
            outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, code, personId, obligationId,
                    json.writeValueAsString(content), endUser, purpose, causedBy));
            added++;
        }
        return added;
    }

    /**
     * The programme as this recipient may have it: a HEALTH measure is health data by its existence
     * (access-policy.yaml, healthReferrals), so it goes only to a recipient whose kind may know of
     * HEALTH measures or that the measure concerns; to any other it is left out, as if the programme
     * had none, and it reaches the health organisation through E3 instead.
     */
    private Map<String, Object> programmeFor(Value programme, String recipient, String recipientKind) {
        Map<String, Object> shown = new LinkedHashMap<>(programme.asMap());
        shown.put("measures", programme.get("measures").asList(measure -> measure).stream()
                .filter(measure -> !"HEALTH".equals(measure.get("domain").asString(null))
                        || policy.seesHealthReferrals(recipientKind)
                        || measure.get("knownTo").asList(Value::asString).contains(recipient))
                .map(measure -> {
                    Map<String, Object> fields = new LinkedHashMap<>(measure.asMap());
                    fields.remove("knownTo");
                    return fields;
                }).toList());
        return shown;
    }
}
