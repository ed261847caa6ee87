package kz.reentry.hub.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/** Reads of custody episodes and planned releases, always for a batch of keys or one keyset page. */
@Repository
public class CustodyRepository {

    private static final String EPISODE_FIELDS = """
            e.id AS id, p.id AS personId, p.iin AS personIin, e.article AS article, e.court AS court,
            e.termStart AS termStart, e.termEnd AS termEnd, e.formalParoleDate AS formalParoleDate,
            i.code AS institutionCode
            """;
    private static final String RELEASE_FIELDS = """
            r.id AS id, e.id AS custodyEpisodeId, p.id AS personId, p.iin AS personIin, r.date AS date, r.type AS type,
            region.code AS residenceRegionCode, r.housing AS housing, r.capacityToWork AS capacityToWork,
            r.specialities AS specialities, r.residenceDistrict AS residenceDistrict
            """;

    private static final String EPISODES_OF_PERSONS = """
            UNWIND $keys AS key
            MATCH (p:Person {iin: key})-[:SERVED]->(e:CustodyEpisode)-[:AT]->(i:Institution)
            RETURN %s ORDER BY e.termStart DESC
            """.formatted(EPISODE_FIELDS);
    private static final String EPISODES_BY_IDS = """
            UNWIND $keys AS key
            MATCH (p:Person)-[:SERVED]->(e:CustodyEpisode {id: key})-[:AT]->(i:Institution)
            RETURN %s
            """.formatted(EPISODE_FIELDS);
    private static final String RELEASES_OF_EPISODES = """
            UNWIND $keys AS key
            MATCH (p:Person)-[:SERVED]->(e:CustodyEpisode {id: key})-[:ENDS_WITH]->(r:PlannedRelease)
                  -[:RESIDENCE_IN]->(region:Region)
            RETURN %s
            """.formatted(RELEASE_FIELDS);
    /*
     * Within the caller's rows, so a page holds only releases of visible persons. Walks the (date, id)
     * index in its order from the later of the period's start and the cursor's date, and stops at the
     * page's end: a page costs the releases read up to its last row, not every release of the period
     * or the region. The hint keeps the plan from following the statistics into a scan of every person
     * (as it did at scale 1, 2.5 million db hits a page); `r.id IS NOT NULL` is what lets a composite
     * index seek on its first property.
     */
    private static final ScopedRead UPCOMING = ScopedRead.of("""
            MATCH (r:PlannedRelease) USING INDEX r:PlannedRelease(date, id)
            WHERE r.date >= $seekFrom AND r.date <= $to AND r.id IS NOT NULL
              AND ($afterDate IS NULL OR r.date > $afterDate OR (r.date = $afterDate AND r.id > $afterId))
            MATCH (p:Person)-[:SERVED]->(e:CustodyEpisode)-[:ENDS_WITH]->(r)-[:RESIDENCE_IN]->(region:Region)
            WHERE ($region IS NULL OR region.code = $region) AND {rows of p}
            RETURN %s
            ORDER BY r.date, r.id
            LIMIT $limit
            """.formatted(RELEASE_FIELDS));

    /** A person's episodes by IIN, latest first: also folded into a person's case read. */
    public static final KeyedRead<CustodyEpisode> EPISODES_OF_PERSONS_READ = new KeyedRead<>(EPISODES_OF_PERSONS,
            CustodyRepository::asEpisode);
    /** An episode's planned release by the episode's id. */
    public static final KeyedRead<PlannedRelease> RELEASES_OF_EPISODES_READ = new KeyedRead<>(RELEASES_OF_EPISODES,
            CustodyRepository::asRelease);

    private final Driver driver;

    CustodyRepository(Driver driver) {
        this.driver = driver;
    }

    /** Each person's episodes, latest term first. */
    public Map<String, List<CustodyEpisode>> episodesOfPersons(Collection<String> iins) {
        Map<String, List<CustodyEpisode>> byPerson = Batches.emptyLists(iins);
        read(EPISODES_OF_PERSONS, iins).forEach(r -> byPerson.get(r.get("personIin").asString()).add(asEpisode(r)));
        return byPerson;
    }

    public Map<String, CustodyEpisode> episodesByIds(Collection<String> ids) {
        return read(EPISODES_BY_IDS, ids).stream().map(CustodyRepository::asEpisode)
                .collect(Collectors.toMap(CustodyEpisode::id, e -> e));
    }

    public Map<String, PlannedRelease> releasesOfEpisodes(Collection<String> episodeIds) {
        return read(RELEASES_OF_EPISODES, episodeIds).stream().map(CustodyRepository::asRelease)
                .collect(Collectors.toMap(PlannedRelease::custodyEpisodeId, r -> r));
    }

    public Connection<PlannedRelease> upcoming(LocalDate from, LocalDate to, String region, int first, Cursor after,
                                               PersonScope scope) {
        LocalDate afterDate = after == null ? null : LocalDate.parse(after.key(0));
        // the seek starts at the later of the period's start and the cursor's date
        LocalDate seekFrom = afterDate == null || afterDate.isBefore(from) ? from : afterDate;
        Map<String, Object> parameters = UPCOMING.parameters(scope, Cypher.params(
                "seekFrom", seekFrom, "to", to, "region", region, "limit", first + 1,
                "afterDate", afterDate, "afterId", after == null ? null : after.key(1)));
        List<PlannedRelease> rows = driver.executableQuery(UPCOMING.cypher(scope))
                .withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream().map(CustodyRepository::asRelease).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                r -> new Cursor("release", List.of(r.date().toString(), r.id())));
    }

    private List<Record> read(String query, Collection<String> keys) {
        return driver.executableQuery(query).withParameters(Map.of("keys", Set.copyOf(keys)))
                .withConfig(Cypher.READ).execute().records();
    }

    public static CustodyEpisode asEpisode(org.neo4j.driver.types.MapAccessor r) {
        return new CustodyEpisode(r.get("id").asString(), r.get("personIin").asString(), r.get("article").asString(),
                r.get("court").asString(), r.get("termStart").asLocalDate(), r.get("termEnd").asLocalDate(),
                r.get("formalParoleDate").isNull() ? null : r.get("formalParoleDate").asLocalDate(),
                r.get("institutionCode").asString(), r.get("personId").asString());
    }

    public static PlannedRelease asRelease(org.neo4j.driver.types.MapAccessor r) {
        return new PlannedRelease(r.get("id").asString(), r.get("custodyEpisodeId").asString(),
                r.get("personIin").asString(), r.get("date").asLocalDate(), ReleaseType.valueOf(r.get("type").asString()),
                r.get("residenceRegionCode").asString(), r.get("personId").asString(), r.get("housing").asString(null),
                r.get("capacityToWork").isNull() ? null : CapacityToWork.valueOf(r.get("capacityToWork").asString()),
                r.get("specialities").asString(null), r.get("residenceDistrict").asString(null));
    }
}
