package kz.reentry.hub.graph;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.neo4j.health.Neo4jHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The graph's health ({@code neo4j} in the readiness group), in place of Spring Boot's: DOWN at once
 * while the graph is still starting or being migrated (Boot's check would wait for it behind the
 * gated driver and a probe would time out), then Boot's own check of the database.
 */
@Component("neo4jHealthIndicator")
class GraphHealth implements HealthIndicator {

    private final GraphGate gate;
    private final ObjectProvider<Driver> driver;
    private volatile Neo4jHealthIndicator database;

    GraphHealth(GraphGate gate, ObjectProvider<Driver> driver) {
        this.gate = gate;
        this.driver = driver;
    }

    @Override
    public Health health() {
        if (!gate.open()) {
            return Health.down().withDetail("graph", "starting: Neo4j and the migrations").build();
        }
        Neo4jHealthIndicator check = database;
        if (check == null) {
            check = new Neo4jHealthIndicator(driver.getObject());
            database = check;
        }
        return check.health();
    }
}
