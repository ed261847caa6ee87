package kz.reentry.hub.employment;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.referral.OpenVacancies;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/**
 * The labour ministry's open vacancies in the graph ({@code Vacancy}, keyed by the ministry's id): a
 * feed's records applied a chunk at a time, each in one transaction, and the reads of matching.
 */
@Repository
class VacancyRepository implements OpenVacancies {

    /**
     * New ones created, changed ones updated, unchanged ones (the same hash) not written at all. Every
     * value is set, so one the feed no longer gives (null) is removed. Safe to run again (MERGE).
     */
    private static final String APPLY_OPEN = """
            UNWIND $rows AS row
            OPTIONAL MATCH (existing:Vacancy {id: row.id})
            WITH row, CASE WHEN existing IS NULL THEN 'ACCEPTED'
                           WHEN existing.contentHash = row.hash THEN 'UNCHANGED' ELSE 'UPDATED' END AS outcome
            FOREACH (write IN CASE WHEN outcome = 'UNCHANGED' THEN [] ELSE [row] END |
              MERGE (v:Vacancy {id: write.id})
              ON CREATE SET v.createdAt = $now
              SET v += write.values, v.contentHash = write.hash, v.updatedAt = $now, v.receivedFrom = $sender)
            RETURN row.place AS place, outcome
            """;
    /** A closed vacancy is removed; one the hub does not hold (never sent, or closed before) is unchanged. */
    private static final String APPLY_CLOSED = """
            UNWIND $rows AS row
            OPTIONAL MATCH (v:Vacancy {id: row.id})
            WITH row, v, v IS NOT NULL AS held
            DETACH DELETE v
            RETURN row.place AS place, CASE WHEN held THEN 'CLOSED' ELSE 'UNCHANGED' END AS outcome
            """;
    private static final String IS_OPEN = "MATCH (v:Vacancy {id: $id}) RETURN count(v) > 0 AS open";
    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (v:Vacancy {id: id})
            RETURN v
            """;
    /** The newest open vacancies of the regions, leaving out those that take nobody with a record. */
    private static final String CANDIDATES = """
            MATCH (v:Vacancy)
            WHERE v.regionCode IN $regions AND coalesce(v.acceptsCriminalRecord, true)
            RETURN v
            ORDER BY v.openedOn DESC, v.id
            LIMIT $limit
            """;
    /** The newest open vacancies of every other region (in the order of the openedOn index). */
    private static final String CANDIDATES_ELSEWHERE = """
            MATCH (v:Vacancy)
            WHERE v.openedOn IS NOT NULL AND NOT v.regionCode IN $regions AND coalesce(v.acceptsCriminalRecord, true)
            RETURN v
            ORDER BY v.openedOn DESC
            LIMIT $limit
            """;
    private static final String DISTRICTS = "MATCH (d:District)-[:PART_OF]->(r:Region) RETURN d.code AS district, r.code AS region";

    private final Driver driver;
    /** Districts change only by migration, at start-up: read once. */
    private final AtomicReference<Map<String, String>> districtRegions = new AtomicReference<>();

    VacancyRepository(Driver driver) {
        this.driver = driver;
    }

    /** What became of one record of a chunk (its place in the feed). */
    record Applied(long place, String outcome) {
    }

    /**
     * Applies checked records, each vacancy id at most once, in one transaction; a retried transaction
     * finds what it wrote before and gives the same outcomes.
     *
     * @param records by place in the feed
     */
    List<Applied> apply(Map<Long, VacancyRecords.Checked> records, String sender) {
        List<Map<String, Object>> open = new ArrayList<>();
        List<Map<String, Object>> closed = new ArrayList<>();
        records.forEach((place, record) -> {
            if (record.closed()) {
                closed.add(Map.of("place", place, "id", record.id()));
            } else {
                open.add(Map.of("place", place, "id", record.id(), "values", record.values(), "hash", record.hash()));
            }
        });
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                List<Applied> applied = new ArrayList<>();
                var now = ZonedDateTime.now();
                if (!open.isEmpty()) {
                    tx.run(APPLY_OPEN, Cypher.params("rows", open, "now", now, "sender", sender)).list()
                            .forEach(r -> applied.add(new Applied(r.get("place").asLong(), r.get("outcome").asString())));
                }
                if (!closed.isEmpty()) {
                    tx.run(APPLY_CLOSED, Map.of("rows", closed)).list()
                            .forEach(r -> applied.add(new Applied(r.get("place").asLong(), r.get("outcome").asString())));
                }
                return applied;
            });
        }
    }

    @Override
    public boolean isOpen(String vacancyId) {
        return driver.executableQuery(IS_OPEN).withParameters(Map.of("id", vacancyId)).withConfig(Cypher.READ).execute()
                .records().getFirst().get("open").asBoolean();
    }

    Map<String, Vacancy> byIds(Collection<String> ids) {
        Map<String, Vacancy> found = new HashMap<>();
        driver.executableQuery(BY_IDS).withParameters(Map.of("ids", Set.copyOf(ids))).withConfig(Cypher.READ).execute()
                .records().forEach(r -> {
                    Vacancy vacancy = asVacancy(r.get("v"));
                    found.put(vacancy.id(), vacancy);
                });
        return found;
    }

    /** The newest open vacancies of these regions that do not refuse people with a record. */
    List<Vacancy> candidates(Collection<String> regions, int limit) {
        return read(CANDIDATES, regions, limit);
    }

    /** The newest open vacancies of all other regions that do not refuse people with a record. */
    List<Vacancy> candidatesElsewhere(Collection<String> regions, int limit) {
        return read(CANDIDATES_ELSEWHERE, regions, limit);
    }

    private List<Vacancy> read(String query, Collection<String> regions, int limit) {
        return driver.executableQuery(query).withParameters(Map.of("regions", List.copyOf(regions), "limit", limit))
                .withConfig(Cypher.READ).execute().records().stream().map(r -> asVacancy(r.get("v"))).toList();
    }

    /** Every district code of the reference data, with the code of its region. */
    Map<String, String> districtRegions() {
        Map<String, String> known = districtRegions.get();
        if (known == null) {
            Map<String, String> read = new HashMap<>();
            driver.executableQuery(DISTRICTS).withConfig(Cypher.READ).execute().records()
                    .forEach(r -> read.put(r.get("district").asString(), r.get("region").asString()));
            known = Map.copyOf(read);
            districtRegions.set(known);
        }
        return known;
    }

    private static Vacancy asVacancy(Value v) {
        return new Vacancy(v.get("id").asString(), v.get("employer").asString(), v.get("position").asString(),
                v.get("speciality").asString(null), v.get("occupationCode").asString(null),
                v.get("qualificationLevel").isNull() ? null : v.get("qualificationLevel").asInt(),
                v.get("regionCode").asString(), v.get("districtCode").asString(null),
                v.get("salary").isNull() ? null : v.get("salary").asLong(), v.get("currency").asString(null),
                v.get("conditions").asString(null),
                v.get("acceptsCriminalRecord").isNull() ? null : v.get("acceptsCriminalRecord").asBoolean(),
                v.get("openedOn").asLocalDate());
    }
}
