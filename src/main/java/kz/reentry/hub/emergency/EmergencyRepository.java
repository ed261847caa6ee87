package kz.reentry.hub.emergency;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.EmergencyScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/**
 * Emergencies (E7) in the graph: {@code (:Emergency)-[:AT]->(:Institution)}, {@code -[:IN_REGION]->(:Region)},
 * {@code -[:REPORTED_BY]->(:Party)}, {@code -[:INVOLVED {position, articles}]->(:Person)}, and what the
 * prosecutor did: {@code -[:SPECIAL_MESSAGE]->(:SpecialMessage)}, {@code -[:PHONE_ALERT]->(:PhoneAlert)}.
 * Every read is scoped by the caller's emergency rows; participants besides by its person rows.
 */
@Repository
class EmergencyRepository {

    private static final String FIELDS = """
            e.id AS id, e.kind AS kind, [(e)-[:AT]->(i:Institution) | i.code][0] AS institution,
            [(e)-[:IN_REGION]->(r:Region) | r.code][0] AS region, e.occurredAt AS occurredAt, e.receivedAt AS receivedAt,
            e.place AS place, e.circumstances AS circumstances, e.otherParticipants AS otherParticipants,
            e.reportedBy AS reportedBy, [(e)-[v:INVOLVED]->(p:Person) | [v.position, p.id]] AS participants
            """;

    private static final String INSTITUTION = """
            MATCH (i:Institution {code: $code})-[:LOCATED_IN]->(region:Region)
            OPTIONAL MATCH (prosecutor:Agency {kind: 'PROSECUTOR'})-[:SERVES]->(region)
            RETURN region.code AS region, i.name AS name, prosecutor.code AS prosecutor
            ORDER BY prosecutor.code LIMIT 1
            """;
    private static final ScopedRead PARTICIPANT = ScopedRead.of("""
            MATCH (p:Person)
            WHERE ($id IS NOT NULL AND p.id = $id OR $iin IS NOT NULL AND p.iin = $iin) AND {rows of p}
            OPTIONAL MATCH (p)-[:SERVED]->(c:CustodyEpisode)
            WITH p, c ORDER BY c.termStart DESC
            RETURN p.id AS id, collect(c.article)[0] AS article
            LIMIT 1
            """);
    private static final String REPORT = """
            MATCH (i:Institution {code: $institution})-[:LOCATED_IN]->(region:Region {code: $region})
            MERGE (e:Emergency {id: $id})
            ON CREATE SET e.kind = $kind, e.occurredAt = $occurredAt, e.receivedAt = $receivedAt, e.place = $place,
                          e.circumstances = $circumstances, e.otherParticipants = $otherParticipants,
                          e.reportedBy = $reportedBy, e.reportedByClient = $client, e.endUser = $endUser, e.purpose = $purpose
            MERGE (e)-[:AT]->(i)
            MERGE (e)-[:IN_REGION]->(region)
            WITH e
            OPTIONAL MATCH (reporter:Party {code: $reportedBy})
            FOREACH (r IN CASE WHEN reporter IS NULL THEN [] ELSE [reporter] END | MERGE (e)-[:REPORTED_BY]->(r))
            WITH e
            UNWIND $participants AS participant
            MATCH (p:Person {id: participant.personId})
            MERGE (e)-[v:INVOLVED]->(p)
            SET v.position = participant.position, v.articles = participant.articles
            """;
    private static final ScopedRead BY_IDS = ScopedRead.of("""
            UNWIND $ids AS emergencyId
            MATCH (e:Emergency {id: emergencyId})
            WHERE {emergencies of e}
            RETURN %s
            """.formatted(FIELDS));
    private static final ScopedRead PAGE = ScopedRead.of("""
            MATCH (e:Emergency)
            WHERE {emergencies of e}
              AND ($afterReceived IS NULL OR e.receivedAt < $afterReceived OR (e.receivedAt = $afterReceived AND e.id > $afterId))
              AND ($region IS NULL OR EXISTS { (e)-[:IN_REGION]->(:Region {code: $region}) })
              AND ($institution IS NULL OR EXISTS { (e)-[:AT]->(:Institution {code: $institution}) })
              AND ($escalated IS NULL OR $escalated = EXISTS {
                    (o:Obligation)-[:CONCERNS]->(e)
                    WHERE (o.status = 'OPEN' AND o.dueAt < $now) OR (o.status = 'MET' AND o.metAt > o.dueAt) })
            RETURN %s
            ORDER BY e.receivedAt DESC, e.id
            LIMIT $limit
            """.formatted(FIELDS));
    /** The participants within the caller's person rows, with what the special message says of them. */
    private static final ScopedRead PARTICIPANTS = ScopedRead.of("""
            UNWIND $ids AS emergencyId
            MATCH (:Emergency {id: emergencyId})-[v:INVOLVED]->(p:Person)
            WHERE {rows of p}
            OPTIONAL MATCH (p)-[:SERVED]->(c:CustodyEpisode)
            WITH emergencyId, v, p, c ORDER BY c.termStart DESC
            WITH emergencyId, v, p, collect(c)[0] AS c
            RETURN emergencyId, p.id AS personId, v.articles AS articles, p.surname AS surname, p.givenName AS givenName,
                   p.patronymic AS patronymic, p.birthDate AS birthDate, c.termStart AS termStart, c.termEnd AS termEnd
            ORDER BY emergencyId, v.position
            """);
    private static final String PLACES = """
            UNWIND $ids AS emergencyId
            MATCH (e:Emergency {id: emergencyId})
            RETURN e.id AS id, [(e)-[:AT]->(i:Institution) | i.name][0] AS institution,
                   [(e)-[:IN_REGION]->(r:Region) | r.name][0] AS region
            """;
    private static final String SEND = """
            MATCH (e:Emergency {id: $id})
            WHERE NOT EXISTS { (e)-[:SPECIAL_MESSAGE]->(:SpecialMessage) }
            CREATE (e)-[:SPECIAL_MESSAGE]->(:SpecialMessage {sentAt: $now, sentBy: $agency, sentByClient: $client,
                    sentByUser: $endUser, purpose: $purpose, content: $content, causes: $causes, means: $means, note: $note})
            RETURN e.id AS id
            """;
    private static final String MESSAGES = """
            UNWIND $ids AS emergencyId
            MATCH (:Emergency {id: emergencyId})-[:SPECIAL_MESSAGE]->(s:SpecialMessage)
            RETURN emergencyId, s.sentAt AS sentAt, s.sentBy AS sentBy, s.sentByUser AS sentByUser, s.content AS content,
                   s.causes AS causes, s.means AS means, s.note AS note
            """;
    private static final String ALERT = """
            MATCH (e:Emergency {id: $id})
            WHERE NOT EXISTS { (e)-[:PHONE_ALERT]->(:PhoneAlert) }
            CREATE (e)-[:PHONE_ALERT]->(:PhoneAlert {calledAt: $calledAt, to: $to, note: $note, recordedAt: $now,
                    recordedBy: $agency, recordedByClient: $client, recordedByUser: $endUser, purpose: $purpose})
            RETURN e.id AS id
            """;
    private static final String ALERTS = """
            UNWIND $ids AS emergencyId
            MATCH (:Emergency {id: emergencyId})-[:PHONE_ALERT]->(a:PhoneAlert)
            RETURN emergencyId, a.calledAt AS calledAt, a.to AS to, a.recordedAt AS recordedAt, a.recordedBy AS recordedBy,
                   a.recordedByUser AS recordedByUser, a.note AS note
            """;

    private final Driver driver;

    EmergencyRepository(Driver driver) {
        this.driver = driver;
    }

    record Place(String region, String name, String prosecutor) {
    }

    /** The institution's region and the prosecutor's office serving it (null where none: not under instruction No. 7). */
    Optional<Place> institution(String code) {
        return driver.executableQuery(INSTITUTION).withParameters(Map.of("code", code)).withConfig(Cypher.READ).execute()
                .records().stream().map(r -> new Place(r.get("region").asString(), r.get("name").asString(null),
                        r.get("prosecutor").asString(null))).findFirst();
    }

    record Known(String id, String article) {
    }

    /** A participant within the reporter's rows, by hub id or IIN, with the article of their latest term. */
    Optional<Known> participant(String id, String iin, PersonScope scope) {
        return driver.executableQuery(PARTICIPANT.cypher(scope))
                .withParameters(PARTICIPANT.parameters(scope, Cypher.params("id", id, "iin", iin))).withConfig(Cypher.READ)
                .execute().records().stream().map(r -> new Known(r.get("id").asString(), r.get("article").asString(null)))
                .findFirst();
    }

    void report(TransactionContext tx, Emergency emergency, List<EmergencyParticipant> participants, String client,
                String endUser, String purpose) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            rows.add(Map.of("personId", participants.get(i).personId(), "articles", participants.get(i).articles(),
                    "position", i));
        }
        tx.run(REPORT, Cypher.params("id", emergency.id(), "kind", emergency.kind().name(),
                "institution", emergency.institutionCode(), "region", emergency.regionCode(),
                "occurredAt", emergency.occurredAt(), "receivedAt", emergency.receivedAt(), "place", emergency.place(),
                "circumstances", emergency.circumstances(), "otherParticipants", emergency.otherParticipants(),
                "reportedBy", emergency.reportedByCode(), "client", client, "endUser", endUser, "purpose", purpose,
                "participants", rows)).consume();
    }

    Map<String, Emergency> byIds(Collection<String> ids, EmergencyScope scope) {
        Map<String, Emergency> found = new HashMap<>();
        driver.executableQuery(BY_IDS.cypher(PersonScope.NOBODY, scope))
                .withParameters(BY_IDS.parameters(PersonScope.NOBODY, scope, Cypher.params("ids", Set.copyOf(ids))))
                .withConfig(Cypher.READ).execute().records().forEach(r -> found.put(r.get("id").asString(), asEmergency(r)));
        return found;
    }

    Connection<Emergency> page(String region, String institution, Boolean escalated, ZonedDateTime now, int first,
                               Cursor after, EmergencyScope scope) {
        var parameters = PAGE.parameters(PersonScope.NOBODY, scope, Cypher.params("region", region, "institution", institution,
                "escalated", escalated, "now", now, "limit", first + 1,
                "afterReceived", after == null ? null : ZonedDateTime.parse(after.key(0)),
                "afterId", after == null ? null : after.key(1)));
        List<Emergency> rows = driver.executableQuery(PAGE.cypher(PersonScope.NOBODY, scope)).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream().map(EmergencyRepository::asEmergency).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                e -> new Cursor("emergency", List.of(e.receivedAt().toString(), e.id())));
    }

    /** The participants of these emergencies within the caller's person rows, in the order reported. */
    Map<String, List<SpecialMessageContent.Participant>> participants(Collection<String> emergencyIds, PersonScope scope) {
        Map<String, List<SpecialMessageContent.Participant>> found = Batches.emptyLists(emergencyIds);
        driver.executableQuery(PARTICIPANTS.cypher(scope))
                .withParameters(PARTICIPANTS.parameters(scope, Cypher.params("ids", Set.copyOf(emergencyIds))))
                .withConfig(Cypher.READ).execute().records().forEach(r -> found.get(r.get("emergencyId").asString()).add(
                        new SpecialMessageContent.Participant(r.get("personId").asString(), r.get("surname").asString(),
                                r.get("givenName").asString(null), r.get("patronymic").asString(null), date(r.get("birthDate")),
                                r.get("articles").asList(Value::asString), date(r.get("termStart")), date(r.get("termEnd")))));
        return found;
    }

    record Names(String institution, String region) {
    }

    Map<String, Names> places(Collection<String> emergencyIds) {
        Map<String, Names> found = new HashMap<>();
        driver.executableQuery(PLACES).withParameters(Map.of("ids", Set.copyOf(emergencyIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> found.put(r.get("id").asString(),
                        new Names(r.get("institution").asString(null), r.get("region").asString(null))));
        return found;
    }

    /** Keeps the special message once; false when one was sent already. */
    boolean send(TransactionContext tx, String emergencyId, ZonedDateTime now, String agency, String client, String endUser,
                 String purpose, String content, String causes, String means, String note) {
        return tx.run(SEND, Cypher.params("id", emergencyId, "now", now, "agency", agency, "client", client,
                "endUser", endUser, "purpose", purpose, "content", content, "causes", causes, "means", means,
                "note", note)).hasNext();
    }

    record StoredMessage(String emergencyId, ZonedDateTime sentAt, String sentBy, String sentByUser, String content,
                         String causes, String means, String note) {
    }

    Map<String, StoredMessage> messages(Collection<String> emergencyIds) {
        Map<String, StoredMessage> found = new HashMap<>();
        driver.executableQuery(MESSAGES).withParameters(Map.of("ids", Set.copyOf(emergencyIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> found.put(r.get("emergencyId").asString(), new StoredMessage(
                        r.get("emergencyId").asString(), r.get("sentAt").asZonedDateTime(), r.get("sentBy").asString(null),
                        r.get("sentByUser").asString(null), r.get("content").asString(), r.get("causes").asString(null),
                        r.get("means").asString(null), r.get("note").asString(null))));
        return found;
    }

    /** Keeps the telephone alert once; false when one was recorded already. */
    boolean alert(TransactionContext tx, String emergencyId, ZonedDateTime calledAt, String to, String note, ZonedDateTime now,
                  String agency, String client, String endUser, String purpose) {
        return tx.run(ALERT, Cypher.params("id", emergencyId, "calledAt", calledAt, "to", to, "note", note, "now", now,
                "agency", agency, "client", client, "endUser", endUser, "purpose", purpose)).hasNext();
    }

    Map<String, PhoneAlert> alerts(Collection<String> emergencyIds) {
        Map<String, PhoneAlert> found = new HashMap<>();
        driver.executableQuery(ALERTS).withParameters(Map.of("ids", Set.copyOf(emergencyIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> found.put(r.get("emergencyId").asString(), new PhoneAlert(
                        r.get("emergencyId").asString(), r.get("calledAt").asZonedDateTime(), r.get("to").asString(),
                        r.get("recordedAt").asZonedDateTime(), r.get("recordedBy").asString(null),
                        r.get("recordedByUser").asString(null), r.get("note").asString(null))));
        return found;
    }

    private static Emergency asEmergency(Record r) {
        List<String> participants = r.get("participants").asList(v -> v).stream()
                .sorted(java.util.Comparator.comparingLong(v -> v.get(0).asLong()))
                .map(v -> v.get(1).asString()).toList();
        return new Emergency(r.get("id").asString(), EmergencyKind.valueOf(r.get("kind").asString()),
                r.get("institution").asString(null), r.get("region").asString(null), r.get("occurredAt").asZonedDateTime(),
                r.get("receivedAt").asZonedDateTime(), r.get("place").asString(), r.get("circumstances").asString(),
                r.get("otherParticipants").asInt(), r.get("reportedBy").asString(null), participants);
    }

    private static LocalDate date(Value value) {
        return value.isNull() ? null : value.asLocalDate();
    }
}
