package kz.reentry.hub.graph;

import kz.reentry.hub.ConditionalOnUnset;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the graph is. With {@code NEO4J_URI} set, Spring Boot builds the driver from
 * {@code spring.neo4j.*} (bolt://, neo4j:// routing, +s variants) and nothing here applies.
 * Without it, the hub starts its embedded Neo4j and points the driver at it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnUnset("NEO4J_URI")
class GraphConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedNeo4j embeddedNeo4j(EmbeddedNeo4jProperties properties) {
        return EmbeddedNeo4j.startInBackground(properties.dataDirectory(), properties.boltPort(),
                properties.pageCache().toBytes());
    }

    /** The driver of the engine still starting: the rest of the hub starts meanwhile (GraphGate). */
    @Bean(destroyMethod = "close")
    Driver neo4jDriver(EmbeddedNeo4j embeddedNeo4j) {
        return GatedDriver.until(embeddedNeo4j.whenStarted().thenApply(boltUri -> GraphDatabase.driver(boltUri,
                AuthTokens.none(), Config.builder().withoutEncryption().build())), "the embedded Neo4j's start");
    }
}
