package kz.reentry.hub.party;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyStarted;
import kz.reentry.hub.graph.KeyedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
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

    private static final String OTHER_PARTIES = """
            UNWIND $codes AS code
            MATCH (p:Party {code: code}) WHERE NOT p:Institution
            RETURN DISTINCT code
            """;

    private static final String OTHER_PARTY = """
            MATCH (p:Party {code: $code}) WHERE NOT p:Institution
            RETURN count(p) > 0 AS taken
            """;

    /**
     * The institution is run by the penal-system body of its region (KZ-DUIS-nn, BY-DIN-xx) where there is
     * one. Writes only what differs from what the graph holds: every record of an institution reports it,
     * and rewriting it each time took its node's and its operator's write locks in every intake
     * transaction, which made concurrent records of one region wait on each other (and deadlock).
     */
    private static final KeyStarted AS_REPORTED = KeyStarted.of("""
            MATCH (region:Region {code: $region})
            MERGE (i:Institution {code: $code})
            WITH i, region, $name AS name, coalesce($type, i.type) AS type,
                 coalesce($securityLevel, i.securityLevel) AS level
            CALL (i, name, type, level) {
              WITH i, name, type, level
              WHERE NOT i:Party OR i.name IS NULL OR i.name <> name
                 OR (type IS NOT NULL AND coalesce(i.type <> type, true))
                 OR (level IS NOT NULL AND coalesce(i.securityLevel <> level, true))
              SET i:Party, i.name = name, i.type = type, i.securityLevel = level
            }
            WITH i, region
            OPTIONAL MATCH (operator:Agency {kind: 'PENAL_SYSTEM'})-[:SERVES]->(region)
            WITH i, region, collect(operator) AS operators
            CALL (i, operators) {
              MATCH (i)-[former:OPERATED_BY]->(someone)
              WHERE NOT someone IN operators
              DELETE former
            }
            CALL (i, operators) {
              UNWIND operators AS operator
              WITH i, operator
              WHERE NOT EXISTS { (i)-[:OPERATED_BY]->(operator) }
              CREATE (i)-[:OPERATED_BY]->(operator)
            }
            CALL (i, region) {
              MATCH (i)-[moved:LOCATED_IN]->(other:Region)
              WHERE other <> region
              DELETE moved
            }
            CALL (i, region) {
              WITH i, region
              WHERE NOT EXISTS { (i)-[:LOCATED_IN]->(region) }
              CREATE (i)-[:LOCATED_IN]->(region)
            }
            """);

    /** Institutions by code: also folded into other reads. */
    public static final KeyedRead<Institution> BY_CODES_READ = new KeyedRead<>(BY_CODES, InstitutionRepository::asInstitution);

    private final Driver driver;

    InstitutionRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * The institution as the penal system reports it with a record: its name, type and security level,
     * where it is, and who runs it; type and level stay as they were when the record leaves them out.
     */
    public void fileAsReported(TransactionContext tx, String code, String name, String region, String type,
                               String securityLevel) {
        tx.run(AS_REPORTED.alone(), Cypher.params("code", code, "name", name, "region", region, "type", type,
                "securityLevel", securityLevel)).consume();
    }

    /** An institution as a record reports it. */
    public record Reported(String code, String name, String region, String type, String securityLevel) {
    }

    /**
     * {@link #fileAsReported} for the institutions of many records in one statement, each in turn as it
     * would be filed alone (an institution reported twice the same way is written at most once).
     */
    public void fileAllAsReported(TransactionContext tx, List<Reported> reported) {
        if (reported.isEmpty()) {
            return;
        }
        tx.run(AS_REPORTED.perRow(), Map.of("rows", reported.stream().distinct().map(r -> Cypher.params("code", r.code(),
                "name", r.name(), "region", r.region(), "type", r.type(), "securityLevel", r.securityLevel())).toList()))
                .consume();
    }

    /** Of these codes, the ones an agency, an NGO or another party that is not an institution has (one statement). */
    public Set<String> otherPartysCodes(Collection<String> codes) {
        return driver.executableQuery(OTHER_PARTIES).withParameters(Map.of("codes", Set.copyOf(codes)))
                .withConfig(Cypher.READ).execute().records().stream().map(r -> r.get("code").asString())
                .collect(Collectors.toSet());
    }

    /** True when an agency, an NGO or another party that is not an institution has this code. */
    public boolean isOtherPartysCode(String code) {
        return driver.executableQuery(OTHER_PARTY).withParameters(Map.of("code", code)).withConfig(Cypher.READ)
                .execute().records().getFirst().get("taken").asBoolean();
    }

    public Map<String, Institution> findByCodes(Collection<String> codes) {
        return driver.executableQuery(BY_CODES).withParameters(Map.of("codes", Set.copyOf(codes)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(InstitutionRepository::asInstitution)
                .collect(Collectors.toMap(Institution::code, i -> i));
    }

    public static Institution asInstitution(org.neo4j.driver.types.MapAccessor r) {
        return new Institution(r.get("code").asString(), r.get("name").asString(), r.get("region").asString(),
                r.get("jurisdiction").asString(), r.get("type").asString(null),
                r.get("securityLevel").asString(null), r.get("operatedBy").asString(null));
    }
}
