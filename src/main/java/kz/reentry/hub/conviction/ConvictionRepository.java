package kz.reentry.hub.conviction;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/** Convictions as facts about a person, each with where it came from and when the hub learned of it. */
@Repository
class ConvictionRepository {

    private static final String FIELDS = """
            c.id AS id, p.id AS personId, c.court AS court, c.article AS article, c.offenceOn AS offenceOn,
            c.convictedOn AS convictedOn, region.code AS region, c.sourceSystem AS sourceSystem,
            c.sourceMessageId AS sourceMessageId, c.recordedBy AS recordedBy, c.receivedAt AS receivedAt
            """;
    /** MERGE on an id derived from the source message: the same verdict reported twice is one conviction. */
    private static final String RECORD = """
            MATCH (p:Person {id: $personId})
            MERGE (c:Conviction {id: $id})
            ON CREATE SET c.court = $court, c.article = $article, c.offenceOn = $offenceOn, c.convictedOn = $convictedOn,
                          c.sourceSystem = $sourceSystem, c.sourceMessageId = $sourceMessageId, c.recordedBy = $by,
                          c.receivedAt = $now
            MERGE (p)-[:CONVICTED]->(c)
            WITH p, c
            OPTIONAL MATCH (region:Region {code: $region})
            FOREACH (r IN CASE WHEN region IS NULL THEN [] ELSE [region] END | MERGE (c)-[:IN_REGION]->(r))
            WITH p, c
            OPTIONAL MATCH (c)-[:IN_REGION]->(region:Region)
            RETURN %s
            """.formatted(FIELDS);
    private static final String OF_PERSONS = """
            UNWIND $ids AS id
            MATCH (p:Person {id: id})-[:CONVICTED]->(c:Conviction)
            OPTIONAL MATCH (c)-[:IN_REGION]->(region:Region)
            RETURN %s
            ORDER BY c.convictedOn DESC, c.receivedAt DESC
            """.formatted(FIELDS);

    private final Driver driver;

    ConvictionRepository(Driver driver) {
        this.driver = driver;
    }

    Conviction record(NewConviction c, String recordedBy) {
        String id = c.sourceMessageId() == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(String.join("\u001f", "Conviction", c.personId(), c.sourceSystem(),
                c.sourceMessageId()).getBytes(StandardCharsets.UTF_8)).toString();
        try (var session = driver.session()) {
            return session.executeWrite(tx -> asConviction(tx.run(RECORD, Cypher.params("id", id, "personId", c.personId(),
                    "court", c.court(), "article", c.article(), "offenceOn", c.offenceOn(), "convictedOn", c.convictedOn(),
                    "region", c.region(), "sourceSystem", c.sourceSystem(), "sourceMessageId", c.sourceMessageId(),
                    "by", recordedBy, "now", ZonedDateTime.now())).single()));
        }
    }

    Map<String, List<Conviction>> ofPersons(Collection<String> personIds) {
        Map<String, List<Conviction>> byPerson = Batches.emptyLists(personIds);
        driver.executableQuery(OF_PERSONS).withParameters(Map.of("ids", Set.copyOf(personIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> byPerson.get(r.get("personId").asString()).add(asConviction(r)));
        return byPerson;
    }

    private static Conviction asConviction(Record r) {
        return new Conviction(r.get("id").asString(), r.get("personId").asString(), r.get("court").asString(),
                r.get("article").asString(), r.get("offenceOn").asLocalDate(), r.get("convictedOn").asLocalDate(),
                r.get("region").asString(null), r.get("sourceSystem").asString(), r.get("sourceMessageId").asString(null),
                r.get("recordedBy").asString(null), r.get("receivedAt").asZonedDateTime());
    }

    record NewConviction(String personId, String court, String article, java.time.LocalDate offenceOn,
                         java.time.LocalDate convictedOn, String region, String sourceSystem, String sourceMessageId) {
    }
}
