package kz.reentry.hub.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Driver;

/**
 * An NGO a test registers for itself, with a caseworker token of its own, so that its cases, its
 * capacity and its disclosure entries are the test's alone. The demo NGOs (NGO-KZ-75-0001, capacity
 * 40; NGO-KZ-71-0001, capacity 25) are shared by every test of the context: whatever they carry
 * depends on which tests ran before. The hub has no operation that registers a party, so the NGO is
 * written the way the reference data (graph-model R__03) writes the demo ones.
 *
 * @param code   the NGO's party code, also the agency claim of its token
 * @param client the client id (token subject) its requests are logged with
 * @param token  an access token as its caseworkers' client would get it
 */
public record TestNgo(String code, String client, String token) {

    private static final String REGISTER = """
            MATCH (kz:Jurisdiction {code: 'KZ'}), (region:Region {code: $region})
            CREATE (ngo:Ngo:Party {code: $code, kind: 'NGO', name: $name, capacity: $capacity, jurisdiction: 'KZ'})
            CREATE (ngo)-[:IN_JURISDICTION]->(kz)
            CREATE (ngo)-[:SERVES]->(region)
            """;
    /** An agreement with the akimat of the first territory, covering each of them (a region or a district). */
    private static final String AGREE = """
            MATCH (ngo:Ngo {code: $code})
            CREATE (ngo)-[:PARTY_TO]->(agreement:Agreement {id: $id, kind: $kind, validFrom: $from, validTo: $to})
            WITH agreement
            UNWIND $territories AS territoryCode
            CALL (territoryCode) {
              MATCH (region:Region {code: territoryCode}) RETURN region AS territory
              UNION
              MATCH (district:District {code: territoryCode}) RETURN district AS territory
            }
            CREATE (agreement)-[:COVERS]->(territory)
            WITH agreement, collect(territory) AS covered
            OPTIONAL MATCH (akimat:Agency {code: 'KZ-MIO-' + substring($territories[0], 3)})
            FOREACH (a IN CASE WHEN akimat IS NULL THEN [] ELSE [akimat] END | CREATE (a)-[:PARTY_TO]->(agreement))
            RETURN size(covered) AS covered
            """;

    /**
     * A new NGO serving the region, with room for this many open cases, under a contract in force
     * since 2020 with no end that covers every region of Kazakhstan, so that any test person may be
     * assigned to it (graph-model R__03 gives the demo NGOs narrower ones).
     */
    public static TestNgo register(Driver driver, HubTokens tokens, String region, int capacity) {
        TestNgo ngo = registerWithoutAgreement(driver, tokens, region, capacity);
        List<String> regions = driver.executableQuery(
                        "MATCH (r:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'}) RETURN r.code AS code ORDER BY code")
                .execute().records().stream().map(r -> r.get("code").asString()).toList();
        ngo.agree(driver, "CONTRACT", LocalDate.of(2020, 1, 1), null, regions);
        return ngo;
    }

    /** A new NGO with no agreement at all: no case may be assigned to it until it has one ({@link #agree}). */
    public static TestNgo registerWithoutAgreement(Driver driver, HubTokens tokens, String region, int capacity) {
        String code = "NGO-TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        var summary = driver.executableQuery(REGISTER).withParameters(Map.of("code", code, "region", region,
                "name", "Test NGO " + code, "capacity", capacity)).execute().summary();
        if (summary.counters().nodesCreated() != 1) {
            throw new IllegalStateException("no region " + region + " to register a test NGO in");
        }
        String client = "caseworkers-of-" + code.toLowerCase(java.util.Locale.ROOT);
        return new TestNgo(code, client, tokens.issue(client, code, region,
                List.of("PERSON_READ", "NGO_CASEWORKER", "MEASURE_UPDATE")));
    }

    /**
     * Gives the NGO an agreement of this kind (MEMORANDUM, CONTRACT, STATE_SOCIAL_ORDER), in force from
     * {@code from} to {@code to} (null: no end), covering these regions or districts; returns its id.
     */
    public String agree(Driver driver, String kind, LocalDate from, LocalDate to, List<String> territories) {
        String id = "AGR-" + code + "-" + UUID.randomUUID().toString().substring(0, 8);
        var parameters = new java.util.HashMap<String, Object>(Map.of("code", code, "id", id, "kind", kind, "from", from,
                "territories", territories));
        parameters.put("to", to);
        long covered = driver.executableQuery(AGREE).withParameters(parameters).execute().records().getFirst()
                .get("covered").asLong();
        if (covered != territories.size()) {
            throw new IllegalStateException("not every territory of " + territories + " is known");
        }
        return id;
    }
}
