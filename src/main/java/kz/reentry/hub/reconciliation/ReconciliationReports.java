package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.WorkingDayCalendar;
import kz.reentry.hub.security.Caller;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Service;

/**
 * The reports a regional prosecutor's office owes on a schedule (instruction No. 7, 003), as obligations about
 * no one person, owed by the office of each region and seen by it and the national office (overdueObligations):
 * <ul>
 * <li>quarterly (cl. 49 reconciliation; cl. 66: to the Department by the 5th of the month after the quarter);</li>
 * <li>half-yearly (cl. 29, 52 reconciliations; cl. 67: by 5 July and 5 January);</li>
 * <li>yearly, on the adaptation of released persons (cl. 67: by 5 January).</li>
 * </ul>
 * A due day that is not a working day of Kazakhstan moves to the working day before it, as E1's does: "by the
 * 5th" is a "no later than", and offices are closed on the day itself.
 */
@Service
public class ReconciliationReports {

    private static final String JURISDICTION = "KZ";
    /** The regional prosecutor's offices (one per region, SERVES it) under the General Prosecutor's Office. */
    private static final String OPEN = """
            MATCH (owner:Agency {kind: 'PROSECUTOR', jurisdiction: 'KZ'})-[:SERVES]->(region:Region)
            WHERE $region IS NULL OR region.code = $region
            UNWIND $duties AS duty
            MERGE (o:Obligation {id: duty.kind + '/' + region.code + '/' + duty.period})
            ON CREATE SET o.kind = duty.kind, o.status = 'OPEN', o.dueOn = duty.dueOn, o.period = duty.period,
                          o.createdAt = $now, o.registeredOn = date($now)
            MERGE (o)-[:OWED_BY]->(owner)
            MERGE (o)-[:IN_REGION]->(region)
            RETURN count(o) AS duties
            """;
    private static final String MEET = """
            MATCH (o:Obligation {id: $id})-[:OWED_BY]->(owner:Party), (o)-[:IN_REGION]->(region:Region)
            WITH o, owner, region, owner.code = $agency AS own
            FOREACH (x IN CASE WHEN own AND o.status = 'OPEN' THEN [1] ELSE [] END |
                SET o.status = 'MET', o.metAt = $now)
            RETURN own, o.id AS id, o.kind AS kind, owner.code AS owedBy, region.code AS region, o.dueOn AS dueOn,
                   o.status AS status, o.metAt AS metAt, o.registeredOn AS registeredOn
            """;

    private final Driver driver;
    private final WorkingDayCalendar calendar;

    ReconciliationReports(Driver driver, WorkingDayCalendar calendar) {
        this.driver = driver;
        this.calendar = calendar;
    }

    /** Opens, for every regional office, the reports of the quarter, half-year and year the day falls in. */
    public int openDuties(LocalDate day) {
        int year = day.getYear();
        int quarter = (day.getMonthValue() - 1) / 3 + 1;
        int half = day.getMonthValue() <= 6 ? 1 : 2;
        List<Map<String, Object>> duties = List.of(
                duty(ReconciliationReportKind.QUARTERLY, year, quarter),
                duty(ReconciliationReportKind.HALF_YEARLY, year, half),
                duty(ReconciliationReportKind.YEARLY_ADAPTATION, year, null));
        return open(null, duties);
    }

    /** The due day of a report (003 cl. 66, 67), moved back to a working day. */
    LocalDate dueOn(ReconciliationReportKind kind, int year, Integer period) {
        LocalDate legal = switch (kind) {
            // cl. 66: "к 5 числу" of the month following the quarter
            case QUARTERLY -> LocalDate.of(year, period * 3, 1).plusMonths(1).withDayOfMonth(5);
            // cl. 67: "к 5 июля и 5 января"
            case HALF_YEARLY -> period == 1 ? LocalDate.of(year, 7, 5) : LocalDate.of(year + 1, 1, 5);
            // cl. 67: the yearly generalisation on adaptation "к 5 января"
            case YEARLY_ADAPTATION -> LocalDate.of(year + 1, 1, 5);
        };
        return calendar.workingDayOnOrBefore(JURISDICTION, legal);
    }

    /** The office records the report as made: its duty is met (opened first, should the schedule not have run). */
    Obligation record(String region, ReconciliationReportKind kind, int year, Integer period) {
        Caller caller = Caller.current();
        if (year < 2000 || year > 2100) {
            throw new InvalidArgumentException("input.year", "range", "must be between 2000 and 2100");
        }
        int periods = kind == ReconciliationReportKind.QUARTERLY ? 4 : kind == ReconciliationReportKind.HALF_YEARLY ? 2 : 0;
        if (periods == 0 ? period != null : period == null || period < 1 || period > periods) {
            throw new InvalidArgumentException("input.period", "range", periods == 0 ? "a yearly report has no period"
                    : "must be 1 to " + periods + " for a " + kind.name().toLowerCase() + " report");
        }
        Map<String, Object> duty = duty(kind, year, period);
        if (open(region, List.of(duty)) == 0) {
            throw new InvalidArgumentException("input.region", "region.prosecutor", "no regional prosecutor's office serves " + region);
        }
        String id = duty.get("kind") + "/" + region + "/" + duty.get("period");
        Record r = driver.executableQuery(MEET).withParameters(Cypher.params("id", id, "agency", caller.agency(),
                "now", ZonedDateTime.now())).execute().records().getFirst();
        if (!r.get("own").asBoolean()) {
            throw new ForbiddenException("The report is owed by " + r.get("owedBy").asString() + "; only that office records it");
        }
        return new Obligation(r.get("id").asString(), r.get("kind").asString(), null, r.get("owedBy").asString(),
                r.get("region").asString(), r.get("dueOn").asLocalDate(), r.get("status").asString(),
                r.get("metAt").isNull() ? null : r.get("metAt").asZonedDateTime(), r.get("registeredOn").asLocalDate(),
                null, null);
    }

    private int open(String region, List<Map<String, Object>> duties) {
        return driver.executableQuery(OPEN).withParameters(Cypher.params("region", region, "duties", duties,
                "now", ZonedDateTime.now())).execute().records().getFirst().get("duties").asInt();
    }

    private Map<String, Object> duty(ReconciliationReportKind kind, int year, Integer period) {
        ObligationKind obligation = switch (kind) {
            case QUARTERLY -> ObligationKind.E8_QUARTERLY_RECONCILIATION;
            case HALF_YEARLY -> ObligationKind.E8_HALF_YEARLY_RECONCILIATION;
            case YEARLY_ADAPTATION -> ObligationKind.E8_YEARLY_ADAPTATION_REPORT;
        };
        String name = switch (kind) {
            case QUARTERLY -> year + "-Q" + period;
            case HALF_YEARLY -> year + "-H" + period;
            case YEARLY_ADAPTATION -> String.valueOf(year);
        };
        return Map.of("kind", obligation.name(), "period", name, "dueOn", dueOn(kind, year, period));
    }

    enum ReconciliationReportKind { QUARTERLY, HALF_YEARLY, YEARLY_ADAPTATION }
}
