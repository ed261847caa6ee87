package kz.reentry.hub.graph;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The embedded Neo4j of the default run.
 *
 * @param dataDirectory where the store lives between restarts
 * @param boltPort      the loopback Bolt port; 0 picks a free one (tests)
 * @param pageCache     memory for Neo4j's page cache
 */
@ConfigurationProperties("hub.neo4j.embedded")
public record EmbeddedNeo4jProperties(Path dataDirectory, int boltPort, DataSize pageCache) {
}
