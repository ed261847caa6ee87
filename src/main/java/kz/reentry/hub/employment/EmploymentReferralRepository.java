package kz.reentry.hub.employment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.release.WalksOut;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/**
 * The EMPLOYMENT referrals whose messages are due, what each message is built from, and the mark
 * that a message left ({@code r.e4Referral}, {@code r.e4MeetAtGate}: the outbox message ids).
 */
@Repository
class EmploymentReferralRepository {

    /**
     * Open EMPLOYMENT referrals whose message of the kind has not left: REFERRAL once the person's E1
     * notice is due (a year before release), or a year before the day they walk out when the hub
     * has no notice; MEET_AT_GATE once the referral left and the day has come.
     */
    private static final String DUE = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'EMPLOYMENT'})-[:TO]->(centre:Party)
            WHERE NOT r.status IN ['REJECTED', 'COMPLETED', 'CANCELLED']
              AND ($referralId IS NULL OR r.id = $referralId) AND ($personId IS NULL OR p.id = $personId)
              AND CASE $kind WHEN 'REFERRAL' THEN r.e4Referral IS NULL
                             ELSE r.e4Referral IS NOT NULL AND r.e4MeetAtGate IS NULL END
            """ + WalksOut.OF_P + """
            CALL (p) {
              OPTIONAL MATCH (notice:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:CONCERNS]->(p)
              RETURN min(notice.dueOn) AS noticeDue
            }
            WITH * WHERE CASE $kind
                WHEN 'REFERRAL' THEN coalesce(noticeDue, walksOut - duration({years: 1})) IS NULL
                                     OR coalesce(noticeDue, walksOut - duration({years: 1})) <= $today
                ELSE walksOut IS NOT NULL AND walksOut <= $today END
            MATCH (r)-[:FROM]->(sender:Party)
            CALL (p) {
              OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)
              OPTIONAL MATCH (e)-[:ENDS_WITH]->(planned:PlannedRelease)
              OPTIONAL MATCH (planned)-[:RESIDENCE_IN]->(residence:Region)
              WITH e, planned, residence ORDER BY e.termStart DESC LIMIT 1
              RETURN e AS episode, planned, residence.code AS residenceRegion
            }
            CALL (centre) {
              OPTIONAL MATCH (centre)-[:SERVES]->(served:Region)-[:IN_JURISDICTION]->(j:Jurisdiction)
              RETURN served.code AS region, j.code AS jurisdiction ORDER BY served.code LIMIT 1
            }
            CALL (r) {
              // the vacancy the referral names, as the feed has it now, or as it was named once the feed closed it
              OPTIONAL MATCH (vacancy:Vacancy {id: r.vacancyId})
              RETURN CASE WHEN r.vacancyId IS NULL THEN null
                          ELSE {id: r.vacancyId, employer: coalesce(vacancy.employer, r.vacancyEmployer),
                                position: coalesce(vacancy.position, r.vacancyPosition),
                                status: CASE WHEN vacancy IS NULL THEN 'CLOSED' ELSE 'OPEN' END} END AS namedVacancy
            }
            RETURN r.id AS referralId, p.id AS personId, centre.code AS centre, centre.kind AS centreKind,
                   region, coalesce(jurisdiction, 'KZ') AS jurisdiction, sender.code AS sender, walksOut, released,
                   p {.iin, .surname, .givenName, .patronymic, birthDate: toString(p.birthDate)} AS person,
                   planned {date: toString(planned.date), .type, .housing, .capacityToWork, .specialities} AS release,
                   residenceRegion,
                   episode {.article, .court, termStart: toString(episode.termStart), termEnd: toString(episode.termEnd)} AS custody,
                   r {.education, .qualifications, .preferredDistrict, .contactArrangements, vacancy: namedVacancy} AS profile
            """;
    /** Locks the referral, then checks under the lock that no other run sent this message first. */
    private static final String CLAIM = """
            MATCH (r:Referral {id: $referralId})
            SET r._e4Claim = true
            REMOVE r._e4Claim
            WITH r
            WHERE CASE $kind WHEN 'REFERRAL' THEN r.e4Referral IS NULL ELSE r.e4MeetAtGate IS NULL END
            RETURN r.id AS id
            """;
    private static final String MARK = """
            MATCH (r:Referral {id: $referralId})
            SET r.e4Referral = CASE $kind WHEN 'REFERRAL' THEN $outboundId ELSE r.e4Referral END,
                r.e4MeetAtGate = CASE $kind WHEN 'MEET_AT_GATE' THEN $outboundId ELSE r.e4MeetAtGate END
            """;

    private final Driver driver;

    EmploymentReferralRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * @param person, release, custody, profile the candidate content: what the message may carry
     *        before the access table removes what the centre may not see
     */
    record Due(String referralId, String personId, String centre, String centreKind, String region, String jurisdiction,
               String sender, LocalDate walksOut, boolean released, Map<String, Object> person,
               Map<String, Object> release, String residenceRegion, Map<String, Object> custody,
               Map<String, Object> profile) {
    }

    List<Due> due(EmploymentMessageKind kind, LocalDate today, String personId, String referralId) {
        return driver.executableQuery(DUE).withParameters(Cypher.params("kind", kind.name(), "today", today,
                        "personId", personId, "referralId", referralId))
                .withConfig(Cypher.READ).execute().records().stream().map(EmploymentReferralRepository::asDue).toList();
    }

    boolean claim(TransactionContext tx, String referralId, EmploymentMessageKind kind) {
        return tx.run(CLAIM, Map.of("referralId", referralId, "kind", kind.name())).hasNext();
    }

    void mark(TransactionContext tx, String referralId, EmploymentMessageKind kind, String outboundId) {
        tx.run(MARK, Map.of("referralId", referralId, "kind", kind.name(), "outboundId", outboundId)).consume();
    }

    private static Due asDue(Record r) {
        return new Due(r.get("referralId").asString(), r.get("personId").asString(), r.get("centre").asString(),
                r.get("centreKind").asString(null), r.get("region").asString(null), r.get("jurisdiction").asString(),
                r.get("sender").asString(), r.get("walksOut").isNull() ? null : r.get("walksOut").asLocalDate(),
                r.get("released").asBoolean(), map(r.get("person")), map(r.get("release")),
                r.get("residenceRegion").asString(null), map(r.get("custody")), map(r.get("profile")));
    }

    private static Map<String, Object> map(Value value) {
        return value.isNull() ? Map.of() : value.asMap();
    }
}
