package kz.reentry.hub.health;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the medical parts kept by {@link MedicalParts}, (:MedicalPart)-[:ABOUT]->(:Person). */
@Repository
class MedicalPartRepository {

    private static final String OF_PERSONS = """
            UNWIND $ids AS personId
            MATCH (m:MedicalPart)-[:ABOUT]->(:Person {id: personId})
            RETURN personId, m.id AS id, m.receivedAt AS receivedAt, m.author AS author, m.conditions AS conditions,
                   m.medications AS medications, coalesce(m.allergies, []) AS allergies,
                   m.disabilityGroup AS disabilityGroup, coalesce(m.newerThanHandoff, false) AS newerThanHandoff
            ORDER BY m.receivedAt DESC
            """;
    private static final TypeReference<List<HandoffFacts.ConditionFact>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<HandoffFacts.MedicationFact>> MEDICATIONS = new TypeReference<>() {
    };

    private final Driver driver;
    private final JsonMapper json;

    MedicalPartRepository(Driver driver, JsonMapper json) {
        this.driver = driver;
        this.json = json;
    }

    /** The persons' medical parts, latest first. */
    Map<String, List<MedicalPart>> ofPersons(Collection<String> personIds) {
        Map<String, List<MedicalPart>> byPerson = Batches.emptyLists(personIds);
        driver.executableQuery(OF_PERSONS).withParameters(Map.of("ids", Set.copyOf(personIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> byPerson.get(r.get("personId").asString()).add(asMedicalPart(r)));
        return byPerson;
    }

    private MedicalPart asMedicalPart(Record r) {
        return new MedicalPart(r.get("id").asString(), r.get("personId").asString(), r.get("receivedAt").asZonedDateTime(),
                r.get("author").asString(null),
                r.get("conditions").isNull() ? List.of() : json.readValue(r.get("conditions").asString(), CONDITIONS),
                r.get("medications").isNull() ? List.of() : json.readValue(r.get("medications").asString(), MEDICATIONS),
                r.get("allergies").asList(v -> v.asString(null)),
                r.get("disabilityGroup").isNull() ? null : DisabilityGroup.valueOf(r.get("disabilityGroup").asString()),
                r.get("newerThanHandoff").asBoolean());
    }
}
