package kz.reentry.hub.support;

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

    /** A new NGO serving the region, with room for this many open cases. */
    public static TestNgo register(Driver driver, HubTokens tokens, String region, int capacity) {
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
}
