package kz.reentry.hub.obligation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.CellCount;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/**
 * Counts, per kind of duty, of the persons whose duty due in a period was kept in time or not. A
 * person counts once per kind and measure (several E3 receivers, E1 notices of two terms): late if any
 * was. Within the caller's rows, and without E3 duties for a party that may not know of health referrals.
 */
@Repository
class ObligationIndicators {

    private static final ScopedRead TALLY = ScopedRead.of("""
            MATCH (o:Obligation)
            WHERE o.status IN ['OPEN', 'MET'] AND o.dueOn >= $from AND o.dueOn <= $to
              AND (o.kind <> 'E3_HANDOFF_ACKNOWLEDGEMENT' OR $healthSeen OR EXISTS { (o)-[:OWED_BY]->(:Party {code: $healthAgency}) })
              AND ($region IS NULL OR EXISTS { (o)-[:IN_REGION]->(:Region {code: $region}) })
            MATCH (o)-[:CONCERNS]->(p:Person)
            WHERE {rows of p}
            WITH o.kind AS kind, p,
                 max(CASE WHEN o.status = 'MET' AND date(o.metAt) <= o.dueOn THEN 1 ELSE 0 END) AS onTime,
                 max(CASE WHEN o.status = 'MET' AND date(o.metAt) > o.dueOn THEN 1 ELSE 0 END) AS late,
                 max(CASE WHEN o.status = 'OPEN' AND o.dueOn < $today THEN 1 ELSE 0 END) AS overdue,
                 max(CASE WHEN coalesce(o.registeredOn, date(o.createdAt)) > o.dueOn THEN 1 ELSE 0 END) AS arrivedLate
            RETURN kind, count(p) AS due, sum(p.cellKey) AS dueKey,
                   sum(onTime) AS metOnTime, sum(onTime * p.cellKey) AS metOnTimeKey,
                   sum(late) AS metLate, sum(late * p.cellKey) AS metLateKey,
                   sum(overdue) AS overdue, sum(overdue * p.cellKey) AS overdueKey,
                   sum(arrivedLate) AS arrivedLate, sum(arrivedLate * p.cellKey) AS arrivedLateKey
            ORDER BY kind
            """);

    private final Driver driver;

    ObligationIndicators(Driver driver) {
        this.driver = driver;
    }

    List<ObligationIndicator> tally(LocalDate from, LocalDate to, String region, LocalDate today, PersonScope rows,
                                    HealthScope health) {
        Map<String, Object> parameters = health.addedTo(TALLY.parameters(rows, Cypher.params("from", from, "to", to,
                "region", region, "today", today)));
        return driver.executableQuery(TALLY.cypher(rows)).withParameters(parameters).withConfig(Cypher.READ).execute()
                .records().stream().map(ObligationIndicators::asIndicator).toList();
    }

    private static ObligationIndicator asIndicator(Record r) {
        return new ObligationIndicator(ObligationKind.valueOf(r.get("kind").asString()), count(r, "due"),
                count(r, "metOnTime"), count(r, "metLate"), count(r, "overdue"), count(r, "arrivedLate"));
    }

    private static CellCount count(Record r, String name) {
        return CellCount.of(r.get(name).asLong(), r.get(name + "Key").asLong());
    }
}
