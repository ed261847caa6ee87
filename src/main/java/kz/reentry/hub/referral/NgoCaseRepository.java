package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.Caller;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/**
 * The work an NGO records on its case (E6): contacts and measures hang off the referral, and each
 * one is a change of the referral that takes the next change number, like a move of its status, so
 * the NGO's feed and the subscribers learn of it in commit order.
 */
@Repository
class NgoCaseRepository {

    /** Only on a case the NGO accepted and has not closed; null (nothing written) otherwise. */
    private static final String CONTACT = """
            MATCH (r:Referral {id: $id, kind: 'NGO_CASE'})
            WHERE r.status IN ['ACCEPTED', 'IN_PROGRESS']
            SET r.updatedAt = $now, r.change = $change
            CREATE (r)-[:CONTACT]->(:CaseContact {id: $workId, on: $on, kind: $contactKind, note: $note,
                                                  recordedAt: $now, by: $by, agency: $agency})
            WITH r
            %s
            RETURN %s
            """;
    private static final String MEASURE = """
            MATCH (r:Referral {id: $id, kind: 'NGO_CASE'})
            WHERE r.status IN ['ACCEPTED', 'IN_PROGRESS']
            SET r.updatedAt = $now, r.change = $change
            CREATE (r)-[:MEASURE_TAKEN]->(taken:CaseMeasure {id: $workId, on: $on, domain: $domain, note: $note,
                                                            recordedAt: $now, by: $by, agency: $agency})
            WITH r, taken
            OPTIONAL MATCH (m:Measure {id: $measureId})
            FOREACH (x IN CASE WHEN m IS NULL THEN [] ELSE [m] END | CREATE (taken)-[:FOR_MEASURE]->(x))
            WITH r
            %s
            RETURN %s
            """;
    private static final String CONTACTS = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:REFERRED]->(:Referral {id: id})-[:CONTACT]->(c:CaseContact)
            RETURN id, p.id AS personId, c.id AS workId, c.on AS on, c.kind AS kind, c.note AS note,
                   c.recordedAt AS recordedAt, c.by AS by, c.agency AS agency
            ORDER BY c.on DESC, c.recordedAt DESC
            """;
    private static final String MEASURES = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:REFERRED]->(:Referral {id: id})-[:MEASURE_TAKEN]->(c:CaseMeasure)
            RETURN id, p.id AS personId, c.id AS workId, c.on AS on, c.domain AS domain, c.note AS note,
                   c.recordedAt AS recordedAt, c.by AS by, c.agency AS agency,
                   [(c)-[:FOR_MEASURE]->(m:Measure) | m.id][0] AS measureId
            ORDER BY c.on DESC, c.recordedAt DESC
            """;

    private final Driver driver;
    private final ReferralRepository referrals;

    NgoCaseRepository(Driver driver, ReferralRepository referrals) {
        this.driver = driver;
        this.referrals = referrals;
    }

    /** The case afterwards; null when it is no longer open for work (moved meanwhile). */
    Referral contact(String referralId, LocalDate on, ContactKind kind, String note, Caller caller) {
        return referrals.write(CONTACT, Cypher.params("id", referralId, "workId", UUID.randomUUID().toString(), "on", on,
                "contactKind", kind.name(), "note", note, "by", caller.client(), "agency", caller.agency()));
    }

    /** The case afterwards; null when it is no longer open for work (moved meanwhile). */
    Referral measure(String referralId, LocalDate on, String measureId, String domain, String note, Caller caller) {
        return referrals.write(MEASURE, Cypher.params("id", referralId, "workId", UUID.randomUUID().toString(), "on", on,
                "measureId", measureId, "domain", domain, "note", note, "by", caller.client(), "agency", caller.agency()));
    }

    Map<String, List<CaseContact>> contactsOf(Collection<String> referralIds) {
        Map<String, List<CaseContact>> contacts = Batches.emptyLists(referralIds);
        read(CONTACTS, referralIds).forEach(r -> contacts.get(r.get("id").asString()).add(new CaseContact(
                r.get("workId").asString(), r.get("id").asString(), r.get("personId").asString(), r.get("on").asLocalDate(),
                r.get("kind").asString(), r.get("note").asString(null), r.get("recordedAt").asZonedDateTime(),
                r.get("by").asString(), r.get("agency").asString())));
        return contacts;
    }

    Map<String, List<CaseMeasure>> measuresOf(Collection<String> referralIds) {
        Map<String, List<CaseMeasure>> measures = Batches.emptyLists(referralIds);
        read(MEASURES, referralIds).forEach(r -> measures.get(r.get("id").asString()).add(new CaseMeasure(
                r.get("workId").asString(), r.get("id").asString(), r.get("personId").asString(), r.get("on").asLocalDate(),
                r.get("measureId").asString(null), r.get("domain").asString(), r.get("note").asString(null),
                r.get("recordedAt").asZonedDateTime(), r.get("by").asString(), r.get("agency").asString())));
        return measures;
    }

    private List<Record> read(String query, Collection<String> ids) {
        return driver.executableQuery(query).withParameters(Map.of("ids", Set.copyOf(ids))).withConfig(Cypher.READ)
                .execute().records();
    }
}
