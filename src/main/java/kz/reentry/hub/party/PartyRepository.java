package kz.reentry.hub.party;

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
import kz.reentry.hub.territory.Region;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/** Reads of parties: agencies, NGOs and institutions share the label :Party and its code. */
@Repository
public class PartyRepository {

    /** One row a party: its links come from pattern comprehensions, never from row-multiplying matches. */
    private static final String PARTY_FIELDS = """
            p.code AS code, p.name AS name, p.shortName AS shortName, p.kind AS kind,
            coalesce(p.jurisdiction, [(p)-[:LOCATED_IN]->(:Region)-[:IN_JURISDICTION]->(j:Jurisdiction) | j.code][0])
                AS jurisdiction,
            labels(p) AS labels, [(p)-[:PART_OF]->(parent:Agency) | parent.code][0] AS partOf,
            p.capacity AS capacity, p.type AS type, p.securityLevel AS securityLevel,
            [(p)-[:LOCATED_IN]->(r:Region) | r.code][0] AS region,
            [(p)-[:OPERATED_BY]->(operator:Agency) | operator.code][0] AS operatedBy
            """;
    private static final String BY_CODES = """
            UNWIND $codes AS code
            MATCH (p:Party {code: code})
            RETURN %s
            """.formatted(PARTY_FIELDS);
    private static final String PAGE = """
            MATCH (p:Party)
            WHERE ($kind IS NULL OR p.kind = $kind) AND ($after IS NULL OR p.code > $after)
              AND ($region IS NULL OR EXISTS { (p)-[:SERVES|LOCATED_IN]->(:Region {code: $region}) }
                   OR EXISTS { (p)-[:SERVES]->(:District)-[:PART_OF]->(:Region {code: $region}) })
            WITH p ORDER BY p.code LIMIT $limit
            RETURN %s
            ORDER BY code
            """.formatted(PARTY_FIELDS);
    private static final String SERVES = """
            UNWIND $codes AS code
            MATCH (p:Party {code: code})-[:SERVES]->(t)
            OPTIONAL MATCH (t:District)-[:PART_OF]->(r:Region)
            RETURN code, t.code AS territory, t.name AS name, r.code AS region
            ORDER BY territory
            """;
    private static final String AGREEMENTS = """
            UNWIND $codes AS code
            MATCH (:Ngo {code: code})-[:PARTY_TO]->(a:Agreement)
            RETURN code, a.id AS id, a.kind AS kind, a.validFrom AS validFrom, a.validTo AS validTo
            ORDER BY a.validFrom
            """;
    private static final String COVERS = """
            UNWIND $ids AS id
            MATCH (:Agreement {id: id})-[:COVERS]->(t)
            OPTIONAL MATCH (t:District)-[:PART_OF]->(r:Region)
            RETURN id, t.code AS territory, t.name AS name, r.code AS region
            ORDER BY territory
            """;
    private static final String COUNTERPARTS = """
            UNWIND $ids AS id
            MATCH (:Agreement {id: id})<-[:PARTY_TO]-(a:Agency)
            RETURN id, a.code AS code
            """;
    private static final String OPEN_CASES = """
            UNWIND $codes AS code
            OPTIONAL MATCH (r:Referral {kind: 'NGO_CASE'})-[:TO]->(:Ngo {code: code})
            WHERE r.status IN ['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS']
            RETURN code, count(r) AS open
            """;
    private static final String DISTRICTS = """
            UNWIND $codes AS code
            MATCH (d:District)-[:PART_OF]->(r:Region {code: code})
            RETURN d.code AS code, d.name AS name, r.code AS region
            ORDER BY d.code
            """;

    private static final String DISTRICTS_BY_CODES = """
            UNWIND $codes AS code
            MATCH (d:District {code: code})-[:PART_OF]->(r:Region)
            RETURN d.code AS code, d.name AS name, r.code AS region
            """;

    /** Parties by code: also folded into other reads. */
    public static final KeyedRead<Party> BY_CODES_READ = new KeyedRead<>(BY_CODES, PartyRepository::asParty);

    private final Driver driver;

    PartyRepository(Driver driver) {
        this.driver = driver;
    }

    public Map<String, Party> findByCodes(Collection<String> codes) {
        return read(BY_CODES, Map.of("codes", Set.copyOf(codes))).stream().map(PartyRepository::asParty)
                .collect(Collectors.toMap(Party::code, p -> p));
    }

    public Connection<Party> page(String kind, String region, int first, Cursor after) {
        List<Party> rows = read(PAGE, Cypher.params("kind", kind, "region", region, "limit", first + 1,
                "after", after == null ? null : after.key(0))).stream().map(PartyRepository::asParty).toList();
        return Connection.ofOneExtra(rows, first, after != null, p -> new Cursor("party", List.of(p.code())));
    }

    /** The territory codes each party serves, split into regions and districts. */
    public Map<String, List<Served>> servedBy(Collection<String> codes) {
        Map<String, List<Served>> served = Batches.emptyLists(codes);
        read(SERVES, Map.of("codes", Set.copyOf(codes))).forEach(r -> served.get(r.get("code").asString())
                .add(new Served(r.get("territory").asString(), r.get("name").asString(), r.get("region").asString(null))));
        return served;
    }

    public Map<String, List<Agreement>> agreementsOf(Collection<String> ngoCodes) {
        Map<String, List<Agreement>> agreements = Batches.emptyLists(ngoCodes);
        read(AGREEMENTS, Map.of("codes", Set.copyOf(ngoCodes))).forEach(r -> agreements.get(r.get("code").asString())
                .add(new Agreement(r.get("id").asString(), r.get("code").asString(), r.get("kind").asString(),
                        r.get("validFrom").asLocalDate(), r.get("validTo").isNull() ? null : r.get("validTo").asLocalDate())));
        return agreements;
    }

    /** The territories each agreement covers (E6), split into regions and districts like {@link #servedBy}. */
    public Map<String, List<Served>> coveredBy(Collection<String> agreementIds) {
        Map<String, List<Served>> covered = Batches.emptyLists(agreementIds);
        read(COVERS, Map.of("ids", Set.copyOf(agreementIds))).forEach(r -> covered.get(r.get("id").asString())
                .add(new Served(r.get("territory").asString(), r.get("name").asString(), r.get("region").asString(null))));
        return covered;
    }

    public Map<String, List<String>> counterpartsOf(Collection<String> agreementIds) {
        Map<String, List<String>> counterparts = Batches.emptyLists(agreementIds);
        read(COUNTERPARTS, Map.of("ids", Set.copyOf(agreementIds)))
                .forEach(r -> counterparts.get(r.get("id").asString()).add(r.get("code").asString()));
        return counterparts;
    }

    public Map<String, Integer> openCases(Collection<String> ngoCodes) {
        return read(OPEN_CASES, Map.of("codes", Set.copyOf(ngoCodes))).stream()
                .collect(Collectors.toMap(r -> r.get("code").asString(), r -> r.get("open").asInt()));
    }

    public Map<String, List<District>> districtsOf(Collection<String> regionCodes) {
        Map<String, List<District>> districts = Batches.emptyLists(regionCodes);
        read(DISTRICTS, Map.of("codes", Set.copyOf(regionCodes))).forEach(r -> districts.get(r.get("region").asString())
                .add(new District(r.get("code").asString(), r.get("name").asString(), r.get("region").asString())));
        return districts;
    }

    public Map<String, District> districtsByCodes(Collection<String> codes) {
        return read(DISTRICTS_BY_CODES, Map.of("codes", Set.copyOf(codes))).stream()
                .map(r -> new District(r.get("code").asString(), r.get("name").asString(), r.get("region").asString()))
                .collect(Collectors.toMap(District::code, d -> d));
    }

    private List<Record> read(String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters).withConfig(Cypher.READ).execute().records();
    }

    public static Party asParty(org.neo4j.driver.types.MapAccessor r) {
        List<String> labels = r.get("labels").asList(v -> v.asString());
        String code = r.get("code").asString();
        String name = r.get("name").asString();
        String jurisdiction = r.get("jurisdiction").asString("KZ");
        if (labels.contains("Ngo")) {
            return new Ngo(code, name, "NGO", jurisdiction, r.get("capacity").asInt(0));
        }
        if (labels.contains("Institution")) {
            return new Institution(code, name, r.get("region").asString(), jurisdiction,
                    r.get("type").asString(null), r.get("securityLevel").asString(null), r.get("operatedBy").asString(null));
        }
        return new Agency(code, name, r.get("shortName").asString(null), r.get("kind").asString(), jurisdiction,
                r.get("partOf").asString(null));
    }

    /** A territory a party serves: a region, or a district of {@code regionCode}. */
    public record Served(String code, String name, String regionCode) {

        boolean district() {
            return regionCode != null;
        }

        District asDistrict() {
            return new District(code, name, regionCode);
        }
    }
}
