package kz.reentry.hub.referral;

import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

@Repository
public class ReferralRepository {

    private static final String FIELDS = """
            r.id AS id, r.kind AS kind, p.id AS personId, r.status AS status, sender.code AS from,
            receiver.code AS to, r.reason AS reason, r.condition AS condition, r.outcome AS outcome, r.requestedAt AS requestedAt,
            r.updatedAt AS updatedAt, r.change AS change
            """;
    private static final String LINKS = """
            MATCH (p:Person)-[:REFERRED]->(r)-[:FROM]->(sender:Party)
            MATCH (r)-[:TO]->(receiver:Party)
            """;
    /** Takes the next change number first: its lock orders concurrent changes by commit. */
    private static final String NEXT_CHANGE = """
            MERGE (seq:Sequence {name: 'referral-changes'})
            SET seq.value = coalesce(seq.value, 0) + 1
            RETURN seq.value AS change
            """;
    private static final String OPEN = """
            MATCH (p:Person {id: $personId}), (sender:Party {code: $from}), (receiver:Party {code: $to})
            CREATE (p)-[:REFERRED]->(r:Referral {id: $id, kind: $kind, status: 'REQUESTED', reason: $reason,
                                                 condition: $condition, destination: $destination,
                                                 requestedAt: $now, updatedAt: $now, change: $change})
            CREATE (r)-[:FROM]->(sender), (r)-[:TO]->(receiver)
            FOREACH (profile IN CASE WHEN $employment IS NULL THEN [] ELSE [$employment] END |
              SET r.education = profile.education, r.qualifications = profile.qualifications,
                  r.preferredDistrict = profile.preferredDistrict, r.contactArrangements = profile.contactArrangements,
                  r.vacancyId = profile.vacancyId)
            WITH p, r
            // the named vacancy's employer and position as they were: the feed removes a vacancy once it closes
            OPTIONAL MATCH (vacancy:Vacancy {id: r.vacancyId})
            SET r.vacancyEmployer = vacancy.employer, r.vacancyPosition = vacancy.position
            CREATE (r)-[:TRANSITION]->(:ReferralTransition {status: 'REQUESTED', at: $now, by: $by, agency: $agency,
                                                            note: $reason})
            WITH r
            %s
            RETURN %s
            """;
    private static final String MOVE = """
            MATCH (r:Referral {id: $id})
            WHERE r.status = $expected
            SET r.status = $status, r.updatedAt = $now, r.change = $change,
                r.outcome = coalesce($outcome, r.outcome)
            CREATE (r)-[:TRANSITION]->(:ReferralTransition {status: $status, at: $now, by: $by, agency: $agency,
                                                            note: $note})
            WITH r
            %s
            RETURN %s
            """;
    /**
     * The person's destination changed and another party takes the referral over: it goes to the new
     * receiver and starts again as REQUESTED; the transition says from whom to whom and why.
     */
    private static final String REROUTE = """
            MATCH (r:Referral {id: $id})-[old:TO]->(previous:Party), (receiver:Party {code: $to})
            WHERE previous.code = $from AND previous <> receiver
            DELETE old
            CREATE (r)-[:TO]->(receiver)
            SET r.status = 'REQUESTED', r.updatedAt = $now, r.change = $change, r.destination = $destination
            CREATE (r)-[:TRANSITION]->(:ReferralTransition {status: 'REQUESTED', at: $now, by: $by, agency: $agency,
                                                            note: $note})
            WITH r
            %s
            RETURN %s
            """;
    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (r:Referral {id: id})
            %s
            RETURN %s
            """;
    private static final String OF_PERSONS = """
            UNWIND $ids AS personId
            MATCH (:Person {id: personId})-[:REFERRED]->(r:Referral)
            WHERE (r.kind <> 'HEALTH' OR $healthSeen OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
              AND (NOT $ownReferralsOnly OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
            %s
            RETURN %s
            ORDER BY r.requestedAt DESC
            """;
    /** Within the caller's rows. */
    private static final ScopedRead PAGE = ScopedRead.of("""
            MATCH (person:Person)-[:REFERRED]->(r:Referral)
            WHERE ($status IS NULL OR r.status = $status) AND ($kind IS NULL OR r.kind = $kind)
              AND ($afterChange IS NULL OR r.change < $afterChange)
              AND ($to IS NULL OR EXISTS { (r)-[:TO]->(:Party {code: $to}) }) AND {rows of person}
              AND (r.kind <> 'HEALTH' OR $healthSeen OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
              AND (NOT $ownReferralsOnly OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
            WITH r ORDER BY r.change DESC LIMIT $limit
            %s
            RETURN %s
            ORDER BY change DESC
            """.formatted(LINKS, FIELDS));
    private static final String ASSIGNED_SINCE = """
            MATCH (r:Referral {kind: 'NGO_CASE'})-[:TO]->(:Ngo {code: $ngo})
            WHERE r.change > $since
            WITH r ORDER BY r.change LIMIT $limit
            %s
            RETURN %s
            ORDER BY change
            """;
    private static final String OPEN_SIMILAR = """
            MATCH (:Person {id: $personId})-[:REFERRED]->(r:Referral {kind: $kind})-[:TO]->(:Party {code: $to})
            WHERE NOT r.status IN ['REJECTED', 'COMPLETED', 'CANCELLED', 'HANDED_BACK']
              AND coalesce(r.condition, '') = coalesce($condition, '')
            RETURN r.id AS id
            """;
    private static final String HISTORY = """
            UNWIND $ids AS id
            MATCH (r:Referral {id: id})-[:TRANSITION]->(t:ReferralTransition)
            RETURN id, r.kind AS kind, t.status AS status, t.at AS at, t.by AS by, t.agency AS agency, t.note AS note
            ORDER BY t.at DESC
            """;

    /** A person's referrals by hub id, less those the HealthScope hides: also folded into a person's case read. */
    public static final KeyedRead<Referral> OF_PERSONS_READ = new KeyedRead<>(OF_PERSONS.formatted(LINKS, FIELDS),
            ReferralRepository::asReferral);

    private final Driver driver;

    ReferralRepository(Driver driver) {
        this.driver = driver;
    }

    /** @param destination the region the receiver was chosen for, when the hub chose it (HEALTH) */
    public Referral open(String kind, String personId, String from, String to, String reason, String condition,
                         String destination, EmploymentProfile employment, Caller caller) {
        return write(OPEN, Cypher.params("id", UUID.randomUUID().toString(), "kind", kind, "personId", personId,
                "from", from, "to", to, "reason", reason, "condition", condition, "destination", destination,
                "employment", employment == null ? null : Cypher.params("education", employment.education(),
                        "qualifications", employment.qualifications(), "preferredDistrict", employment.preferredDistrict(),
                        "contactArrangements", employment.contactArrangements(), "vacancyId", employment.vacancyId()),
                "by", caller.client(), "agency", caller.agency()));
    }

    /** Sends the referral from one receiver to another; null when it no longer goes to {@code from}. */
    Referral reroute(String id, String from, String to, String destination, String note, Caller caller) {
        return write(REROUTE, Cypher.params("id", id, "from", from, "to", to, "destination", destination, "note", note,
                "by", caller.client(), "agency", caller.agency()));
    }

    /** Moves the referral if it is still in the expected status; null when someone moved it first. */
    public Referral move(String id, ReferralStatus expected, ReferralStatus next, String note, String outcome,
                         Caller caller) {
        return write(MOVE, Cypher.params("id", id, "expected", expected.name(), "status", next.name(), "note", note,
                "outcome", outcome, "by", caller.client(), "agency", caller.agency()));
    }

    /** An open referral of the kind to the same receiver (for the same condition, for HEALTH). */
    public boolean hasOpenSimilar(String personId, String kind, String to, String condition) {
        return !read(OPEN_SIMILAR, Cypher.params("personId", personId, "kind", kind, "to", to, "condition", condition))
                .isEmpty();
    }

    public Map<String, Referral> byIds(Collection<String> ids) {
        Map<String, Referral> byId = new HashMap<>();
        read(BY_IDS.formatted(LINKS, FIELDS), Map.of("ids", Set.copyOf(ids)))
                .forEach(r -> byId.put(r.get("id").asString(), asReferral(r)));
        return byId;
    }

    /** The persons' referrals, less the HEALTH ones the caller may not know of (HealthScope). */
    public Map<String, List<Referral>> ofPersons(Collection<String> personIds, HealthScope health) {
        Map<String, List<Referral>> byPerson = Batches.emptyLists(personIds);
        read(OF_PERSONS.formatted(LINKS, FIELDS), health.addedTo(Cypher.params("ids", Set.copyOf(personIds))))
                .forEach(r -> byPerson.get(r.get("personId").asString()).add(asReferral(r)));
        return byPerson;
    }

    /** Latest change first. */
    public Connection<Referral> page(String status, String kind, String to, int first, Cursor after, PersonScope scope,
                                     HealthScope health) {
        Map<String, Object> parameters = health.addedTo(PAGE.parameters(scope, Cypher.params("status", status, "kind", kind,
                "to", to, "limit", first + 1, "afterChange", after == null ? null : Long.valueOf(after.key(0)))));
        List<Referral> rows = read(PAGE.cypher(scope), parameters)
                .stream().map(ReferralRepository::asReferral).toList();
        return Connection.ofOneExtra(rows, first, after != null, r -> new Cursor("referral", List.of(Long.toString(r.change()))));
    }

    /** The NGO's cases changed after a change number, in the order they changed. */
    public Connection<Referral> assignedSince(String ngo, long since, int first) {
        List<Referral> rows = read(ASSIGNED_SINCE.formatted(LINKS, FIELDS),
                Map.of("ngo", ngo, "since", since, "limit", first + 1))
                .stream().map(ReferralRepository::asReferral).toList();
        var page = Connection.ofOneExtra(rows, first, since > 0, r -> new Cursor("cases", List.of(Long.toString(r.change()))));
        if (page.edges().isEmpty()) {
            // nothing new: the caller keeps its place, so the next call starts from the same change
            return new Connection<>(List.of(), new Connection.PageInfo(false, since > 0, null, casesCursor(since)));
        }
        return page;
    }

    private static String casesCursor(long change) {
        return new Cursor("cases", List.of(Long.toString(change))).encode();
    }

    public Map<String, List<ReferralTransition>> historyOf(Collection<String> ids) {
        Map<String, List<ReferralTransition>> history = Batches.emptyLists(ids);
        read(HISTORY, Map.of("ids", Set.copyOf(ids))).forEach(r -> history.get(r.get("id").asString()).add(
                new ReferralTransition(r.get("id").asString(), r.get("kind").asString(), r.get("status").asString(), r.get("at").asZonedDateTime(),
                        r.get("by").asString(), r.get("agency").asString(), r.get("note").asString(null))));
        return history;
    }

    /**
     * Runs a change of one referral with the next change number ({@code $change}) and {@code $now}; the
     * template gets the links and fields to return it with ({@code %s} twice). Null when it matched nothing.
     */
    Referral write(String template, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                long change = tx.run(NEXT_CHANGE).single().get("change").asLong();
                parameters.put("change", change);
                parameters.put("now", ZonedDateTime.now());
                var rows = tx.run(template.formatted(LINKS, FIELDS), parameters).list();
                return rows.isEmpty() ? null : asReferral(rows.getFirst());
            });
        }
    }

    private List<Record> read(String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters).withConfig(Cypher.READ).execute().records();
    }

    public static Referral asReferral(org.neo4j.driver.types.MapAccessor r) {
        return new Referral(r.get("id").asString(), r.get("kind").asString(), r.get("personId").asString(),
                ReferralStatus.valueOf(r.get("status").asString()), r.get("from").asString(), r.get("to").asString(),
                r.get("reason").asString(), r.get("condition").asString(null), r.get("outcome").asString(null), r.get("requestedAt").asZonedDateTime(),
                r.get("updatedAt").asZonedDateTime(), r.get("change").asLong());
    }
}
