package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

/**
 * Indicators for a cohort of released persons, computed from facts with their own timestamps, so that
 * "as of" a past moment counts only what the hub had been told by then.
 */
@Repository
class IndicatorRepository {

    private static final String INDICATORS = """
            MATCH (p:Person)-[:WAS]->(release:PersonState {kind: 'RELEASED'})
            WHERE release.from >= $from AND release.from <= $to AND release.receivedAt <= $asOf
              AND ($region IS NULL OR EXISTS { (release)-[:IN_REGION]->(:Region {code: $region}) })
            WITH DISTINCT p, min(release.from) AS releasedOn
            RETURN count(p) AS released,
                   count(CASE WHEN EXISTS {
                     MATCH (p)-[:HAS_PROGRAMME]->(:Programme)-[:HAS_MEASURE]->(:Measure {domain: 'HOUSING'})
                           -[:UPDATED]->(u:MeasureUpdate {status: 'MET'})
                     WHERE u.at <= $asOf } THEN 1 END) AS withHousing,
                   count(CASE WHEN EXISTS {
                     MATCH (p)-[:REFERRED]->(:Referral {kind: 'EMPLOYMENT'})-[:TRANSITION]->(t:ReferralTransition {status: 'COMPLETED'})
                     WHERE t.at <= $asOf } THEN 1 END) AS employed,
                   count(CASE WHEN EXISTS {
                     MATCH (p)-[:REFERRED]->(:Referral {kind: 'HEALTH'})-[:TRANSITION]->(t:ReferralTransition)
                     WHERE t.status = 'ACCEPTED' AND t.at <= $asOf } THEN 1 END) AS treatmentHandedOver,
                   count(CASE WHEN EXISTS {
                     MATCH (p)-[:WAS]->(again:PersonState)
                     WHERE again.kind IN ['SUSPECT', 'ACCUSED', 'REMAND_PRISONER', 'IN_CUSTODY']
                       AND again.from > releasedOn AND again.receivedAt <= $asOf } THEN 1 END) AS repeatOffences
            """;

    private final Driver driver;

    IndicatorRepository(Driver driver) {
        this.driver = driver;
    }

    Indicators indicators(LocalDate from, LocalDate to, String region, ZonedDateTime asOf) {
        var r = driver.executableQuery(INDICATORS).withParameters(Cypher.params("from", from, "to", to,
                "region", region, "asOf", asOf)).withConfig(Cypher.READ).execute().records().getFirst();
        return new Indicators(from, to, region, asOf, r.get("released").asInt(), r.get("withHousing").asInt(),
                r.get("employed").asInt(), r.get("treatmentHandedOver").asInt(), r.get("repeatOffences").asInt());
    }
}
