package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.referral.CaseOutcome;
import kz.reentry.hub.security.CellCount;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/**
 * Builds {@link NgoCaseReport}s from the cases' own transitions, each with its time, so that a report
 * "as of" a past moment counts only what the hub had been told by then. The NGOs reported are the one
 * asked for, or every NGO under an agreement in force at some day of the period or with a case
 * assigned in it.
 */
@Repository
class NgoCaseReports {

    private static final String CASES = """
            MATCH (ngo:Ngo)
            WHERE ngo.jurisdiction = $jurisdiction AND CASE WHEN $ngo IS NULL
                       THEN EXISTS { (ngo)-[:PARTY_TO]->(a:Agreement) WHERE a.validFrom <= $to AND (a.validTo IS NULL OR a.validTo >= $from) }
                            OR EXISTS { (r:Referral {kind: 'NGO_CASE'})-[:TO]->(ngo) WHERE date(r.requestedAt) >= $from AND date(r.requestedAt) <= $to }
                       ELSE ngo.code = $ngo END
            CALL (ngo) {
              MATCH (p:Person)-[:REFERRED]->(r:Referral {kind: 'NGO_CASE'})-[:TO]->(ngo)
              WHERE date(r.requestedAt) >= $from AND date(r.requestedAt) <= $to AND r.requestedAt <= $asOf
                AND p.jurisdiction = $jurisdiction
              CALL (r) {
                MATCH (r)-[:TRANSITION]->(t:ReferralTransition) WHERE t.at <= $asOf
                WITH t ORDER BY t.at DESC LIMIT 1
                RETURN t.status AS status
              }
              CALL (r) {
                OPTIONAL MATCH (r)-[:TRANSITION]->(t:ReferralTransition {status: 'ACCEPTED'}) WHERE t.at <= $asOf
                RETURN min(t.at) AS acceptedAt
              }
              RETURN collect({key: p.cellKey, status: status,
                              days: CASE WHEN acceptedAt IS NULL THEN null
                                         ELSE duration.inDays(date(r.requestedAt), date(acceptedAt)).days END,
                              outcome: CASE WHEN status = 'COMPLETED' THEN r.outcome END}) AS cases
            }
            RETURN ngo.code AS ngo, cases
            ORDER BY ngo
            """;

    private final Driver driver;

    private final CallerScopes scopes;

    /** The caller's jurisdiction bounds the NGOs and the persons counted, as it bounds every row. */
    NgoCaseReports(Driver driver, CallerScopes scopes) {
        this.scopes = scopes;
        this.driver = driver;
    }

    List<NgoCaseReport> report(LocalDate from, LocalDate to, String ngo, ZonedDateTime asOf) {
        return driver.executableQuery(CASES).withParameters(Cypher.params("from", from, "to", to, "ngo", ngo, "asOf", asOf,
                        "jurisdiction", scopes.currentJurisdiction()))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> report(r.get("ngo").asString(), from, to, asOf, r.get("cases").asList(Case::of)))
                .toList();
    }

    private static NgoCaseReport report(String ngo, LocalDate from, LocalDate to, ZonedDateTime asOf, List<Case> cases) {
        List<NgoCaseReport.Band> bands = new ArrayList<>();
        for (var band : NgoCaseReport.AcceptanceTime.values()) {
            bands.add(new NgoCaseReport.Band(band, count(cases, c -> c.days() != null
                    && NgoCaseReport.AcceptanceTime.of(c.days()) == band)));
        }
        List<NgoCaseReport.Outcome> outcomes = Arrays.stream(CaseOutcome.values())
                .map(o -> new NgoCaseReport.Outcome(o.name(), count(cases, c -> o.name().equals(c.outcome())))).toList();
        return new NgoCaseReport(ngo, from, to, asOf, count(cases, c -> true), count(cases, c -> c.days() != null),
                count(cases, c -> c.status().equals("REJECTED")),
                count(cases, c -> c.status().equals("REQUESTED") || c.status().equals("RECEIVED")),
                count(cases, c -> c.status().equals("HANDED_BACK")), count(cases, c -> c.status().equals("CANCELLED")),
                count(cases, c -> c.status().equals("COMPLETED")),
                count(cases, c -> c.status().equals("ACCEPTED") || c.status().equals("IN_PROGRESS")), bands, outcomes);
    }

    private static CellCount count(List<Case> cases, Predicate<Case> counted) {
        long count = 0;
        long keys = 0;
        for (Case c : cases) {
            if (counted.test(c)) {
                count++;
                keys += c.key();
            }
        }
        return CellCount.of(count, keys);
    }

    /** One case as the report counts it: its person's cell key, its status at asOf, days to acceptance, outcome. */
    private record Case(long key, String status, Long days, String outcome) {

        static Case of(Value v) {
            return new Case(v.get("key").asLong(0), v.get("status").asString(), v.get("days").isNull() ? null : v.get("days").asLong(),
                    v.get("outcome").asString(null));
        }
    }
}
