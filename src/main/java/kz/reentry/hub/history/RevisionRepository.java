package kz.reentry.hub.history;

import kz.reentry.hub.graph.Cypher;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.security.FieldVisibility;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Repository;

/**
 * The {@code :Revision} history of entities that keep earlier values (see {@link RevisionDiff}), as
 * the caller may see it: an earlier value of a field is shown only to a party that sees the field
 * itself ({@link FieldVisibility}), and a revision that changed nothing the caller sees is left out
 * whole, with its message id, so that neither the values nor the fact of the change get out.
 */
@Repository
public class RevisionRepository {

    /** Entities with history, and the query that finds it by their keys, latest first. */
    public enum RevisedEntity {
        PERSON("Person", """
                UNWIND $keys AS key
                MATCH (:Person {iin: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """),
        CUSTODY_EPISODE("CustodyEpisode", """
                UNWIND $keys AS key
                MATCH (:CustodyEpisode {id: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """),
        PLANNED_RELEASE("PlannedRelease", """
                UNWIND $keys AS key
                MATCH (:PlannedRelease {id: key})-[:PREVIOUSLY]->(r:Revision)
                RETURN key, r ORDER BY r.supersededAt DESC
                """);

        /** The schema type whose fields the revisions hold earlier values of. */
        private final String type;
        private final String query;

        RevisedEntity(String type, String query) {
            this.type = type;
            this.query = query;
        }
    }

    private final Driver driver;
    private final FieldVisibility fields;

    RevisionRepository(Driver driver, FieldVisibility fields) {
        this.driver = driver;
        this.fields = fields;
    }

    public Map<String, List<Revision>> historyOf(RevisedEntity kind, Collection<String> keys) {
        Map<String, List<Revision>> history = Batches.emptyLists(keys);
        String partyKind = fields.currentPartyKind();
        driver.executableQuery(kind.query).withParameters(Map.of("keys", Set.copyOf(keys)))
                .withConfig(Cypher.READ).execute().records()
                .forEach(r -> shown(kind.type, asRevision(r.get("r").asNode()), partyKind)
                        .ifPresent(revision -> history.get(r.get("key").asString()).add(revision)));
        return history;
    }

    /** The revision with only the fields the party sees; empty when it sees none of them. */
    private java.util.Optional<Revision> shown(String type, Revision revision, String partyKind) {
        List<Revision.FieldValue> values = revision.values().stream()
                .filter(value -> fields.shows(type, value.field(), partyKind)).toList();
        return values.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new Revision(revision.supersededAt(), revision.supersededByMessageId(), values));
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
