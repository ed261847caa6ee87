package kz.reentry.hub.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.RoutingControl;

/** Query settings shared by the repositories. */
public final class Cypher {

    /** Reads go to any member of a cluster; on a single server this changes nothing. */
    public static final QueryConfig READ = QueryConfig.builder().withRouting(RoutingControl.READ).build();

    private Cypher() {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\w+)");

    /**
     * A statement written for one set of parameters, run once for each of many: {@code UNWIND $rows AS
     * param CALL (param) { the statement, each $name read as param.name }}. Each row runs the statement
     * as it would run alone, in the order of {@code $rows}, and sees what the rows before it wrote; a
     * statement that returns something returns it with its {@code param} row (one row per row it
     * returned; none for a row it returned nothing for); one that returns nothing returns the rows. The statement must not use a variable named
     * {@code param} nor refer to a parameter inside a subquery of its own (that scope does not see
     * {@code param}).
     */
    public static String perRow(String statement) {
        String body = PARAMETER.matcher(statement.strip()).replaceAll("param.$1");
        return "UNWIND $rows AS param\nCALL (param) {\n" + body + "\n}\nRETURN *";
    }

    /**
     * The statement with its first plan kept however the graph's statistics move (Cypher's
     * {@code replan=skip}). Only for statements that start from a unique key or an index hint, so no
     * statistic can give them a better plan. Neo4j otherwise replans a statement once the counts of its
     * labels have moved past a threshold, at most every 10 s: an outbox that grows from empty does that
     * to every dispatcher statement, and each replan (100-600 ms on a busy 2-core machine) held up the
     * very message it was planned for; those replans were the E1 handoff's tail
     * (docs/benchmarks/where-the-time-goes.md). The whole statement, not a part of one: the option must
     * come first. KeptPlansIT finds every kept statement among the hub's constants and checks where it starts.
     */
    public static String keepingPlan(String statement) {
        return "CYPHER replan=skip\n" + statement;
    }

    /** Query parameters from alternating names and values; unlike {@code Map.of}, a value may be null. */
    public static Map<String, Object> params(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs");
        }
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }
}
