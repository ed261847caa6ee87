package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.CellCount;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

/**
 * Indicators for a cohort of released persons, computed from facts with their own timestamps, so that
 * "as of" a past moment counts only what the hub had been told by then. A repeat offence is a conviction
 * for a crime committed on or after the release day (003 cl. 29, 52: "совершенных ими повторных
 * преступлений"): a suspicion, a charge or remand is not a crime proven, and a verdict after release for a
 * crime committed before it is not a new crime. The release day counts as after: custody ends that day.
 */
@Repository
class IndicatorRepository {

    /** The cohort everywhere: released in the period, by the release states' (kind, from) index. */
    private static final String RELEASED_EVERYWHERE = """
            MATCH (p:Person)-[:WAS]->(release:PersonState {kind: 'RELEASED'})
            WHERE release.from >= $from AND release.from <= $to AND release.receivedAt <= $asOf
              AND p.jurisdiction = $jurisdiction
            """;

    /**
     * The cohort of one region, by the (kind, regionCode, from) index (V0018): following each release of
     * the country in the period to its region cost two thirds of a region's indicators.
     */
    private static final String RELEASED_IN_REGION = """
            MATCH (p:Person)-[:WAS]->(release:PersonState {kind: 'RELEASED', regionCode: $region})
            USING INDEX release:PersonState(kind, regionCode, from)
            WHERE release.from >= $from AND release.from <= $to AND release.receivedAt <= $asOf
              AND p.jurisdiction = $jurisdiction
            """;

    private static final String INDICATORS_OF_COHORT = """
            WITH p, min(release.from) AS releasedOn
            WITH p,
                 EXISTS {
                   MATCH (p)-[:HAS_PROGRAMME]->(:Programme)-[:HAS_MEASURE]->(:Measure {domain: 'HOUSING'})
                         -[:UPDATED]->(u:MeasureUpdate {status: 'MET'})
                   WHERE u.at <= $asOf } AS housed,
                 EXISTS {
                   MATCH (p)-[:REFERRED]->(:Referral {kind: 'EMPLOYMENT'})<-[:ABOUT]-(placed:EmploymentOutcome {kind: 'PLACED'})
                   WHERE placed.receivedAt <= $asOf } AS employed,
                 EXISTS {
                   MATCH (p)-[:REFERRED]->(:Referral {kind: 'HEALTH'})<-[:HANDS_OVER]-(handoff:HealthHandoff)
                   MATCH (ack:Obligation {id: handoff.obligationId})
                   WHERE ack.status = 'MET' AND ack.metAt <= $asOf } AS treated,
                 EXISTS {
                   MATCH (p)-[:CONVICTED]->(again:Conviction)
                   WHERE again.offenceOn >= releasedOn AND again.receivedAt <= $asOf } AS reoffended
            RETURN count(p) AS released, sum(p.cellKey) AS releasedKey,
                   count(CASE WHEN housed THEN 1 END) AS withHousing, sum(CASE WHEN housed THEN p.cellKey END) AS withHousingKey,
                   count(CASE WHEN employed THEN 1 END) AS employed, sum(CASE WHEN employed THEN p.cellKey END) AS employedKey,
                   count(CASE WHEN treated THEN 1 END) AS treatmentHandedOver,
                   sum(CASE WHEN treated THEN p.cellKey END) AS treatmentHandedOverKey,
                   count(CASE WHEN reoffended THEN 1 END) AS repeatOffences, sum(CASE WHEN reoffended THEN p.cellKey END) AS repeatOffencesKey
            """;

    private final Driver driver;

    IndicatorRepository(Driver driver) {
        this.driver = driver;
    }

    /** Counted over the persons of one jurisdiction (the caller's: a Belarus body counts no Kazakh person). */
    Indicators indicators(LocalDate from, LocalDate to, String region, ZonedDateTime asOf, String jurisdiction) {
        String cohort = region == null ? RELEASED_EVERYWHERE : RELEASED_IN_REGION;
        var r = driver.executableQuery(cohort + INDICATORS_OF_COHORT).withParameters(Cypher.params("from", from, "to", to,
                "region", region, "asOf", asOf, "jurisdiction", jurisdiction)).withConfig(Cypher.READ).execute().records().getFirst();
        return new Indicators(from, to, region, asOf, count(r, "released"), count(r, "withHousing"), count(r, "employed"),
                count(r, "treatmentHandedOver"), count(r, "repeatOffences"));
    }

    private static CellCount count(org.neo4j.driver.Record r, String name) {
        return CellCount.of(r.get(name).asLong(), r.get(name + "Key").asLong());
    }
}
