package kz.reentry.hub.territory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import org.springframework.stereotype.Repository;

@Repository
public class RegionRepository {

    private static final String BY_CODES = """
            UNWIND $codes AS code
            MATCH (r:Region {code: code})-[:IN_JURISDICTION]->(j:Jurisdiction)
            RETURN r.code AS code, r.name AS name, j.code AS jurisdiction
            """;
    private static final String ALL_CODES = "MATCH (r:Region) RETURN collect(r.code) AS codes";
    private static final String DISTRICT_OF = """
            RETURN EXISTS { (:District {code: $district})-[:PART_OF]->(:Region {code: $region}) } AS known
            """;

    /** Regions by code: also folded into other reads. */
    public static final KeyedRead<Region> BY_CODES_READ = new KeyedRead<>(BY_CODES, RegionRepository::asRegion);

    private final Driver driver;
    /** Regions change only by migration, at start-up, so the set of codes is read once. */
    private final AtomicReference<Set<String>> knownCodes = new AtomicReference<>();

    RegionRepository(Driver driver) {
        this.driver = driver;
    }

    /** Whether the reference data has this district (or town) in this region. */
    public boolean districtOf(String district, String region) {
        return driver.executableQuery(DISTRICT_OF).withParameters(Map.of("district", district, "region", region == null ? "" : region))
                .withConfig(Cypher.READ).execute().records().getFirst().get("known").asBoolean();
    }

    public boolean exists(String code) {
        Set<String> codes = knownCodes.get();
        if (codes == null) {
            codes = Set.copyOf(driver.executableQuery(ALL_CODES).withConfig(Cypher.READ).execute()
                    .records().getFirst().get("codes").asList(v -> v.asString()));
            knownCodes.set(codes);
        }
        return codes.contains(code);
    }

    /**
     * The region with this code, or a BAD_REQUEST naming the argument; null stays null (no region asked).
     */
    public Region require(String argument, String code) {
        if (code == null) {
            return null;
        }
        Region region = exists(code) ? findByCodes(List.of(code)).get(code) : null;
        if (region == null) {
            throw new InvalidArgumentException(argument, "region.unknown",
                    "'" + code + "' is not a region code of the hub's reference data (ISO 3166-2, such as KZ-75)");
        }
        return region;
    }

    public Map<String, Region> findByCodes(Collection<String> codes) {
        List<Record> records = driver.executableQuery(BY_CODES)
                .withParameters(Map.of("codes", Set.copyOf(codes))).withConfig(Cypher.READ).execute().records();
        return records.stream().map(RegionRepository::asRegion)
                .collect(Collectors.toMap(Region::code, r -> r));
    }

    public static Region asRegion(org.neo4j.driver.types.MapAccessor record) {
        return new Region(record.get("code").asString(), record.get("name").asString(),
                record.get("jurisdiction").asString());
    }
}
