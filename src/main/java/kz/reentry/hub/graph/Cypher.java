package kz.reentry.hub.graph;

import java.util.HashMap;
import java.util.Map;

import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.RoutingControl;

/** Query settings shared by the repositories. */
public final class Cypher {

    /** Reads go to any member of a cluster; on a single server this changes nothing. */
    public static final QueryConfig READ = QueryConfig.builder().withRouting(RoutingControl.READ).build();

    private Cypher() {
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
