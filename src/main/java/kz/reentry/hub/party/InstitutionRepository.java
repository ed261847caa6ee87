package kz.reentry.hub.party;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

@Repository
public class InstitutionRepository {

    private static final String BY_CODES = """
            UNWIND $codes AS code
            MATCH (i:Institution {code: code})-[:LOCATED_IN]->(r:Region)-[:IN_JURISDICTION]->(j:Jurisdiction)
            RETURN i.code AS code, i.name AS name, r.code AS region, j.code AS jurisdiction,
                   i.type AS type, i.securityLevel AS securityLevel,
                   [(i)-[:OPERATED_BY]->(operator:Agency) | operator.code][0] AS operatedBy
            """;

    private static final String OTHER_PARTY = """
            MATCH (p:Party {code: $code}) WHERE NOT p:Institution
            RETURN count(p) > 0 AS taken
            """;

    private final Driver driver;

    InstitutionRepository(Driver driver) {
        this.driver = driver;
    }

    /** True when an agency, an NGO or another party that is not an institution has this code. */
    public boolean isOtherPartysCode(String code) {
        return driver.executableQuery(OTHER_PARTY).withParameters(Map.of("code", code)).withConfig(Cypher.READ)
                .execute().records().getFirst().get("taken").asBoolean();
    }

    public Map<String, Institution> findByCodes(Collection<String> codes) {
        return driver.executableQuery(BY_CODES).withParameters(Map.of("codes", Set.copyOf(codes)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new Institution(r.get("code").asString(), r.get("name").asString(), r.get("region").asString(),
                        r.get("jurisdiction").asString(), r.get("type").asString(null),
                        r.get("securityLevel").asString(null), r.get("operatedBy").asString(null)))
                .collect(Collectors.toMap(Institution::code, i -> i));
    }
}
