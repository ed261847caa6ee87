package kz.reentry.hub.state;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.security.CellCount;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

@Repository
public class PersonStateRepository {

    private static final String FIELDS = """
            s.id AS id, p.id AS personId, s.kind AS kind, s.from AS from, s.to AS to, s.releaseType AS releaseType,
            coalesce(s.restrictions, []) AS restrictions, region.code AS region, s.sourceSystem AS sourceSystem,
            s.sourceMessageId AS sourceMessageId, s.receivedAt AS receivedAt
            """;
    private static final String OF_PERSONS = """
            UNWIND $ids AS id
            MATCH (p:Person {id: id})-[:WAS]->(s:PersonState)
            OPTIONAL MATCH (s)-[:IN_REGION]->(region:Region)
            RETURN %s
            ORDER BY s.from DESC, s.receivedAt DESC
            """.formatted(FIELDS);
    /**
     * Ends the open states the new one replaces, then records it; MERGE on the id makes a retry harmless.
     * Its plan is not kept ({@link Cypher#keepingPlan}): on a small graph the planner finds the open states
     * through the (kind, from) index rather than from the person, a start the statistics must be free to move.
     */
    private static final String RECORD = """
            MATCH (p:Person {id: $personId})
            OPTIONAL MATCH (p)-[:WAS]->(open:PersonState)
            WHERE open.kind IN $ends AND open.to IS NULL AND open.from <= $from AND open.id <> $id
            SET open.to = $from
            WITH DISTINCT p
            MERGE (s:PersonState {id: $id})
            ON CREATE SET s.kind = $kind, s.from = $from, s.to = $to, s.releaseType = $releaseType,
                          s.restrictions = $restrictions, s.sourceSystem = $sourceSystem,
                          s.sourceMessageId = $sourceMessageId, s.receivedAt = $now, s.recordedBy = $by
            MERGE (p)-[:WAS]->(s)
            WITH s
            OPTIONAL MATCH (region:Region {code: $region})
            FOREACH (r IN CASE WHEN region IS NULL THEN [] ELSE [region] END | MERGE (s)-[:IN_REGION]->(r) SET s.regionCode = r.code)
            WITH s
            MATCH (p:Person)-[:WAS]->(s)
            OPTIONAL MATCH (s)-[:IN_REGION]->(region:Region)
            RETURN %s
            """.formatted(FIELDS);
    private static final String RECORD_EACH = Cypher.perRow(RECORD);
    private static final String COUNT = """
            MATCH (p:Person)-[:WAS]->(s:PersonState {kind: $kind})
            WHERE s.from <= $on AND (s.to IS NULL OR s.to > $on)
              AND ($region IS NULL OR EXISTS { (s)-[:IN_REGION]->(:Region {code: $region}) })
              AND p.jurisdiction = $jurisdiction
            WITH DISTINCT p
            RETURN count(p) AS persons, sum(p.cellKey) AS cellKey
            """;

    /** A person's states by hub id, latest first: also folded into a person's case read. */
    public static final KeyedRead<PersonState> OF_PERSONS_READ = new KeyedRead<>(OF_PERSONS, PersonStateRepository::asState);

    private final Driver driver;

    PersonStateRepository(Driver driver) {
        this.driver = driver;
    }

    public Map<String, List<PersonState>> statesOf(Collection<String> personIds) {
        Map<String, List<PersonState>> states = Batches.emptyLists(personIds);
        driver.executableQuery(OF_PERSONS).withParameters(Map.of("ids", Set.copyOf(personIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> states.get(r.get("personId").asString()).add(asState(r)));
        return states;
    }

    /**
     * The persons of a jurisdiction in the state on the date, with their cell key (the access policy's
     * small-cell rule needs it); the caller's jurisdiction, as for every row.
     */
    public CellCount count(PersonStateKind kind, LocalDate on, String region, String jurisdiction) {
        var r = driver.executableQuery(COUNT).withParameters(Cypher.params("kind", kind.name(), "on", on, "region", region,
                        "jurisdiction", jurisdiction))
                .withConfig(Cypher.READ).execute().records().getFirst();
        return CellCount.of(r.get("persons").asLong(), r.get("cellKey").asLong());
    }

    /** Records a state inside the caller's transaction, so it commits with whatever caused it. */
    public PersonState record(TransactionContext tx, NewState state) {
        var record = tx.run(RECORD, parameters(state, ZonedDateTime.now())).single();
        return asState(record);
    }

    /**
     * {@link #record} for the states of many persons (each state once) in one statement, each as it
     * would be recorded alone.
     */
    public void recordAll(TransactionContext tx, List<NewState> states) {
        if (states.isEmpty()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now();
        tx.run(RECORD_EACH, Map.of("rows", states.stream().map(state -> parameters(state, now)).toList())).consume();
    }

    private static Map<String, Object> parameters(NewState state, ZonedDateTime now) {
        return Cypher.params(
                "id", state.id(), "personId", state.personId(), "kind", state.kind().name(),
                "ends", state.kind().ends().stream().map(Enum::name).toList(),
                "from", state.from(), "to", state.to(), "releaseType", state.releaseType(),
                "restrictions", state.restrictions(), "region", state.regionCode(),
                "sourceSystem", state.sourceSystem(), "sourceMessageId", state.sourceMessageId(),
                "now", now, "by", state.recordedBy());
    }

    public static PersonState asState(org.neo4j.driver.types.MapAccessor r) {
        return new PersonState(r.get("id").asString(), r.get("personId").asString(),
                PersonStateKind.valueOf(r.get("kind").asString()), r.get("from").asLocalDate(),
                r.get("to").isNull() ? null : r.get("to").asLocalDate(), r.get("releaseType").asString(null),
                r.get("restrictions").asList(Value::asString), r.get("region").asString(null),
                r.get("sourceSystem").asString(), r.get("sourceMessageId").asString(null),
                r.get("receivedAt").asZonedDateTime());
    }

    /** What a new state says; {@code id} is derived from its source so that the same fact twice is one state. */
    public record NewState(String id, String personId, PersonStateKind kind, LocalDate from, LocalDate to,
                           String releaseType, List<String> restrictions, String regionCode, String sourceSystem,
                           String sourceMessageId, String recordedBy) {
    }

    /**
     * The same report twice (same person, system, message and kind) is one state; a report without a
     * message id is new. The person is part of the key: message ids are the reporting systems' own, so
     * the same one may come for another person, whom the caller may not even see; a key without the
     * person made such a report collide with that person's state (and failed, telling the caller that
     * the message id was in use). A name-based UUID keeps the id opaque and of one shape.
     */
    public static String stateId(String personId, String sourceSystem, String sourceMessageId, PersonStateKind kind) {
        if (sourceMessageId == null) {
            return UUID.randomUUID().toString();
        }
        String key = String.join("\u001f", "PersonState", personId, sourceSystem, sourceMessageId, kind.name());
        return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
