package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/**
 * The sources' lists (statements, each person a line) and the hub's own facts for a category, region and
 * period. Who a listed person is, is decided when a reconciliation is read: a person the hub files later
 * under the IIN a source gave is then the same person in every list.
 */
@Repository
class ReconciliationRepository {

    /** A list sent again under the same message id (at-least-once senders) is the list already taken. */
    private static final String EXISTING = """
            MATCH (s:ReconciliationStatement {id: $id})
            OPTIONAL MATCH (s)-[:LISTS]->(l:StatementLine)
            OPTIONAL MATCH (byId:Person {id: l.personId})
            OPTIONAL MATCH (byIin:Person {iin: l.iin})
            WITH s, l, coalesce(byId, byIin) AS p
            RETURN s.contentHash AS contentHash, s.source AS source, s.submittedBy AS submittedBy, s.category AS category, s.regionCode AS region,
                   s.from AS from, s.to AS to, s.persons AS persons, s.receivedAt AS receivedAt,
                   [k IN collect(coalesce(p.id, 'iin:' + l.iin)) WHERE k IS NOT NULL] AS personIds
            """;
    private static final String STORE = """
            MATCH (region:Region {code: $region}), (party:Party {code: $agency})
            CREATE (s:ReconciliationStatement {id: $id, messageId: $messageId, source: $source, submittedBy: $agency,
                    client: $client, category: $category, regionCode: $region, from: $from, to: $to,
                    persons: size($lines), receivedAt: $now, contentHash: $contentHash})
            CREATE (s)-[:IN_REGION]->(region), (s)-[:SUBMITTED_BY]->(party)
            WITH s
            UNWIND range(0, size($lines) - 1) AS i
            WITH s, i, $lines[i] AS line
            CREATE (s)-[:LISTS]->(:StatementLine {position: i, iin: line.iin, personId: line.personId,
                    surname: line.surname, givenName: line.givenName, patronymic: line.patronymic, birthDate: line.birthDate})
            """;
    /** The latest list of each source for the region, category and period, line by line. */
    private static final String LATEST = """
            MATCH (s:ReconciliationStatement {regionCode: $region, category: $category, from: $from, to: $to})
            WITH s ORDER BY s.receivedAt DESC
            WITH s.source AS source, collect(s)[0] AS s
            OPTIONAL MATCH (s)-[:LISTS]->(l:StatementLine)
            OPTIONAL MATCH (byId:Person {id: l.personId})
            OPTIONAL MATCH (byIin:Person {iin: l.iin})
            WITH source, s, l, coalesce(byId, byIin) AS p ORDER BY l.position
            RETURN source, s.submittedBy AS submittedBy, s.receivedAt AS receivedAt, s.persons AS persons,
                   [x IN collect(CASE WHEN l IS NULL THEN null ELSE {key: coalesce(p.id, 'iin:' + l.iin), personId: p.id,
                     iin: l.iin, surname: l.surname, givenName: l.givenName, patronymic: l.patronymic,
                     birthDate: l.birthDate} END) WHERE x IS NOT NULL] AS lines
            """;
    private static final String PERSON = """
            p.id AS key, p.id AS personId, coalesce(p.iin, p.claimedIin) AS iin, p.surname AS surname,
            p.givenName AS givenName, p.patronymic AS patronymic, p.birthDate AS birthDate
            """;
    /** Persons in the state on the period's last day, in the region: states are time-bounded facts. */
    private static final ScopedRead IN_STATE = ScopedRead.of("""
            MATCH (p:Person)-[:WAS]->(s:PersonState {kind: $kind})-[:IN_REGION]->(:Region {code: $region})
            WHERE s.from <= $to AND (s.to IS NULL OR s.to > $to)
            WITH DISTINCT p
            WHERE {rows of p}
            RETURN %s ORDER BY p.surname, p.id
            """.formatted(PERSON));
    /** Released in the period to live in the region, from custody in another region. */
    private static final ScopedRead ARRIVED = ScopedRead.of("""
            MATCH (p:Person)-[:WAS]->(r:PersonState {kind: 'RELEASED'})-[:IN_REGION]->(:Region {code: $region})
            WHERE r.from >= $from AND r.from <= $to
              AND EXISTS { (p)-[:WAS]->(c:PersonState {kind: 'IN_CUSTODY'})-[:IN_REGION]->(elsewhere:Region)
                           WHERE elsewhere.code <> $region AND c.from <= r.from AND (c.to IS NULL OR c.to >= r.from) }
            WITH DISTINCT p
            WHERE {rows of p}
            RETURN %s ORDER BY p.surname, p.id
            """.formatted(PERSON));
    /** Convicted in the period, by a court of the region, of a crime committed on or after a release. */
    private static final ScopedRead REPEAT_CRIME = ScopedRead.of("""
            MATCH (p:Person)-[:CONVICTED]->(c:Conviction)-[:IN_REGION]->(:Region {code: $region})
            WHERE c.convictedOn >= $from AND c.convictedOn <= $to
              AND EXISTS { (p)-[:WAS]->(r:PersonState {kind: 'RELEASED'}) WHERE r.from <= c.offenceOn }
            WITH DISTINCT p
            WHERE {rows of p}
            RETURN %s ORDER BY p.surname, p.id
            """.formatted(PERSON));

    private final Driver driver;

    ReconciliationRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * Stores the list unless one with this id is there; either way answers the list the hub holds, and whether
     * it was there already with the same content ({@code duplicate}) or with other content ({@code reused}: a list
     * kept from before content was hashed counts as the same).
     */
    Stored store(String id, String messageId, ReconciliationSource source, String agency, String client,
                 ReconciliationCategory category, String region, LocalDate from, LocalDate to,
                 List<Map<String, Object>> lines, String contentHash) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                var existing = tx.run(EXISTING, Map.of("id", id)).list();
                if (!existing.isEmpty()) {
                    String earlier = existing.getFirst().get("contentHash").asString(null);
                    boolean same = earlier == null || earlier.equals(contentHash);
                    return new Stored(asStatement(id, existing.getFirst()), same, !same);
                }
                tx.run(STORE, Cypher.params("id", id, "messageId", messageId, "source", source.name(), "agency", agency,
                        "client", client, "category", category.name(), "region", region, "from", from, "to", to,
                        "lines", lines, "now", ZonedDateTime.now(), "contentHash", contentHash)).consume();
                return new Stored(asStatement(id, tx.run(EXISTING, Map.of("id", id)).list().getFirst()), false, false);
            });
        }
    }

    /** The list the hub holds under an id; {@code duplicate}: it was there with this content, {@code reused}: with other. */
    record Stored(ReconciliationStatement statement, boolean duplicate, boolean reused) {
    }

    /** The latest list of each source that gave one. */
    Map<ReconciliationSource, SourceList> latest(String region, ReconciliationCategory category, LocalDate from, LocalDate to) {
        Map<ReconciliationSource, SourceList> lists = new EnumMap<>(ReconciliationSource.class);
        driver.executableQuery(LATEST).withParameters(Cypher.params("region", region, "category", category.name(),
                "from", from, "to", to)).withConfig(Cypher.READ).execute().records().forEach(r -> {
            List<ListedPerson> persons = new ArrayList<>();
            for (Value line : r.get("lines").values()) {
                persons.add(asListed(line));
            }
            lists.put(ReconciliationSource.valueOf(r.get("source").asString()), new SourceList(r.get("submittedBy").asString(),
                    r.get("receivedAt").asZonedDateTime(), persons));
        });
        return lists;
    }

    /** What the hub's own facts say, of the persons the caller's rows hold. */
    List<ListedPerson> hubFacts(String region, ReconciliationCategory category, LocalDate from, LocalDate to, PersonScope scope) {
        ScopedRead read = switch (category) {
            case PAROLEE, UNDER_ADMINISTRATIVE_SUPERVISION, PROBATIONER -> IN_STATE;
            case ARRIVED_FROM_OTHER_REGION -> ARRIVED;
            case REPEAT_CRIME -> REPEAT_CRIME;
        };
        String kind = switch (category) {
            case PAROLEE -> "PAROLEE";
            case UNDER_ADMINISTRATIVE_SUPERVISION -> "ADMINISTRATIVE_SUPERVISION";
            case PROBATIONER -> "PROBATIONER";
            default -> null;
        };
        return driver.executableQuery(read.cypher(scope)).withParameters(read.parameters(scope, Cypher.params("kind", kind,
                "region", region, "from", from, "to", to))).withConfig(Cypher.READ).execute().records().stream().map(ReconciliationRepository::asListed).toList();
    }

    private static ListedPerson asListed(org.neo4j.driver.types.MapAccessor v) {
        return new ListedPerson(v.get("key").asString(), v.get("personId").asString(null), v.get("iin").asString(null),
                v.get("surname").asString(), v.get("givenName").asString(), v.get("patronymic").asString(null),
                v.get("birthDate").isNull() ? null : v.get("birthDate").asLocalDate());
    }

    private static ReconciliationStatement asStatement(String id, Record r) {
        return new ReconciliationStatement(id, ReconciliationSource.valueOf(r.get("source").asString()),
                r.get("submittedBy").asString(), ReconciliationCategory.valueOf(r.get("category").asString()),
                r.get("region").asString(), r.get("from").asLocalDate(), r.get("to").asLocalDate(),
                r.get("persons").asInt(), r.get("receivedAt").asZonedDateTime(), r.get("personIds").asList(Value::asString));
    }

    record SourceList(String submittedBy, ZonedDateTime receivedAt, List<ListedPerson> persons) {
    }
}
