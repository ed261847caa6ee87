package kz.reentry.hub.graph;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;

import kz.reentry.hub.api.Batches;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Repository;

/** The {@code :Revision} history of entities that keep earlier values (see {@link RevisionDiff}). */
@Repository
public class RevisionRepository {

    /** Entities with history, and the query that finds it by their keys, latest first. */
    public enum Kept {
        PERSON("""
                UNWIND $keys AS key
                MATCH (:Person {iin: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """),
        CUSTODY_EPISODE("""
                UNWIND $keys AS key
                MATCH (:CustodyEpisode {id: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """),
        PLANNED_RELEASE("""
                UNWIND $keys AS key
                MATCH (:PlannedRelease {id: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """);

        private final String query;

        Kept(String query) {
            this.query = query;
        }
    }

    private final Driver driver;

    RevisionRepository(Driver driver) {
        this.driver = driver;
    }

    public Map<String, List<Revision>> historyOf(Kept kind, Collection<String> keys) {
        Map<String, List<Revision>> history = Batches.emptyLists(keys);
        driver.executableQuery(kind.query).withParameters(Map.of("keys", Set.copyOf(keys)))
                .withConfig(Cypher.READ).execute().records()
                .forEach(r -> history.get(r.get("key").asString()).add(asRevision(r.get("r").asNode())));
        return history;
    }

    private static Revision asRevision(Node node) {
        List<Revision.FieldValue> values = node.get("fields").asList(Value::asString).stream()
                .map(field -> new Revision.FieldValue(field,
                        node.get(field).isNull() ? null : String.valueOf(node.get(field).asObject())))
                .toList();
        return new Revision(node.get("supersededAt").asZonedDateTime(), node.get("supersededByMessageId").asString(null),
                values);
    }
}
