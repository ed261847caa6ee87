package kz.reentry.hub.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.ProfiledPlan;
import tools.jackson.databind.JsonNode;

/**
 * What the database itself saw: the Cypher statements run while some requests were served (Neo4j's
 * own query collection, db.stats), and the profile of one statement (PROFILE: operators, db hits).
 */
final class GraphStatements {

    private final Driver driver;

    GraphStatements(Driver driver) {
        this.driver = driver;
    }

    /**
     * The statements run during {@code work}, with how often each ran, leaving out the hub's background
     * writers (the disclosure log's, the outbox dispatcher's), which belong to no request.
     */
    Map<String, Timing> during(Callable<?> work) throws Exception {
        Map<String, Timing> requests = new LinkedHashMap<>();
        timedDuring(work).forEach((query, timing) -> {
            if (!query.contains("DisclosureEntry") && !query.contains("OutboundMessage") && !query.contains("DisclosureLog")) {
                requests.put(query, timing);
            }
        });
        return requests;
    }

    /** How often a statement ran, and its mean compile (plan-cache lookup included) and execution times. */
    record Timing(long runs, double compileMicros, double executeMicros) {

        double totalMillis() {
            return runs * (compileMicros + executeMicros) / 1000;
        }
    }

    /** Every statement run during {@code work}, background writers included, with its times as the database measured them. */
    Map<String, Timing> timedDuring(Callable<?> work) throws Exception {
        // stopped first: clear empties the collection only when nothing is collecting into it
        driver.executableQuery("CALL db.stats.stop('QUERIES')").execute();
        driver.executableQuery("CALL db.stats.clear('QUERIES')").execute();
        driver.executableQuery("CALL db.stats.collect('QUERIES')").execute();
        try {
            work.call();
        } finally {
            driver.executableQuery("CALL db.stats.stop('QUERIES')").execute();
        }
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (var r : driver.executableQuery("""
                CALL db.stats.retrieve('QUERIES') YIELD section, data
                WITH data WHERE data.query IS NOT NULL AND NOT data.query CONTAINS 'db.stats'
                RETURN data.query AS query,
                       coalesce(data.invocationSummary.invocationCount, size(data.invocations)) AS runs,
                       coalesce(data.invocationSummary.compileTimeInUs.avg, 0.0) AS compile,
                       coalesce(data.invocationSummary.executionTimeInUs.avg, 0.0) AS execute
                """).execute().records()) {
            // the collection keeps one row per query text and plan: a replanned statement comes twice
            timings.merge(r.get("query").asString(), new Timing(r.get("runs").asLong(), r.get("compile").asDouble(),
                    r.get("execute").asDouble()), (a, b) -> new Timing(a.runs() + b.runs(),
                    (a.runs() * a.compileMicros() + b.runs() * b.compileMicros()) / (a.runs() + b.runs()),
                    (a.runs() * a.executeMicros() + b.runs() * b.executeMicros()) / (a.runs() + b.runs())));
        }
        return timings;
    }

    /** A profiled run of one statement: its db hits, rows and operators (top down). */
    record Profile(long dbHits, long rows, List<String> operators) {

        /** How the plan reaches its data and orders it: the scans, seeks and sorts, with their db hits. */
        String access() {
            return String.join(", ", operators.stream().map(String::strip)
                    .filter(o -> o.matches("^\\S*(Scan|Seek|Sort|Top)\\S* .*")).toList());
        }
    }

    Profile profile(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            ProfiledPlan plan = session.run("PROFILE " + cypher, parameters).consume().profile();
            List<String> operators = new ArrayList<>();
            long hits = walk(plan, operators, 0);
            return new Profile(hits, plan.records(), operators);
        }
    }

    private static long walk(ProfiledPlan plan, List<String> operators, int depth) {
        operators.add("  ".repeat(depth) + plan.operatorType() + " (" + plan.dbHits() + " db hits, " + plan.records() + " rows)");
        long hits = plan.dbHits();
        for (ProfiledPlan child : plan.children()) {
            hits += walk(child, operators, depth + 1);
        }
        return hits;
    }

    /** The parameters @neo4j/graphql logged as JSON, with the driver's integers and dates turned back into values. */
    static Map<String, Object> parameters(JsonNode logged) {
        Map<String, Object> values = new LinkedHashMap<>();
        logged.properties().forEach(e -> values.put(e.getKey(), value(e.getValue())));
        return values;
    }

    private static Object value(JsonNode node) {
        if (node.isObject() && node.has("low") && node.has("high")) {
            return ((long) node.get("high").asInt() << 32) | (node.get("low").asInt() & 0xffffffffL);
        }
        if (node.isObject() && node.has("year") && node.has("month") && node.has("day") && !node.has("hour")) {
            return LocalDate.of((int) (long) value(node.get("year")), (int) (long) value(node.get("month")),
                    (int) (long) value(node.get("day")));
        }
        if (node.isObject()) {
            return parameters(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(child -> list.add(value(child)));
            return list;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? (Object) node.asLong() : (Object) node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asString();
    }
}
