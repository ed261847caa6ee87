package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * E2, programme delivery (order 392, cl. 43): when a release is recorded, the person's individual
 * programme goes to the akimat of the destination within 2 working days. The message is written
 * into the outbox in the release's own transaction. Health measures travel without their
 * description, which stays with the health organisation (the same rule as the access policy's).
 */
@Component
public class ProgrammeDeliveries {

    static final String EXCHANGE = "E2";

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
                       description: CASE WHEN m.domain = 'HEALTH' THEN null ELSE m.description END}]
                   } END AS programme,
                   [(a:Agency)-[:SERVES]->(:Region {code: $destination}) WHERE a.kind = 'LOCAL_EXECUTIVE' | a.code] AS recipients
            """;

    private final Outbox outbox;
    private final JsonMapper json;

    ProgrammeDeliveries(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Puts the programme into the outbox for each akimat of the destination; returns how many messages were added. */
    public int enqueue(TransactionContext tx, String obligationId, String personId, String destination,
                       LocalDate releaseDate, String releaseType, String endUser, String purpose, String causedBy) {
        Record row = tx.run(PROGRAMME, Cypher.params("personId", personId, "destination", destination)).single();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("notice", "E2 individual programme (order 392, cl. 43)");
        content.put("person", row.get("person").asMap());
        content.put("release", Map.of("date", releaseDate.toString(), "type", releaseType, "destinationRegion", destination));
        content.put("programme", row.get("programme").isNull() ? null : row.get("programme").asMap());
        String payload = json.writeValueAsString(content);
        int added = 0;
        for (Value recipient : row.get("recipients").values()) {
            outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, recipient.asString(), personId, obligationId, payload,
                    endUser, purpose, causedBy));
            added++;
        }
        return added;
    }
}
