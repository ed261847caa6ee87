package kz.reentry.hub.graph;

import java.net.URI;
import java.nio.file.Path;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Neo4j engine in this process, reachable over Bolt on the loopback interface only, so the
 * hub talks to it through the same driver code it uses against an external server or cluster.
 * Authentication is off because nothing outside this machine can reach the port.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService dbms;
    private final URI boltUri;

    private EmbeddedNeo4j(DatabaseManagementService dbms, URI boltUri) {
        this.dbms = dbms;
        this.boltUri = boltUri;
    }

    public static EmbeddedNeo4j start(Path home, int boltPort, long pageCacheBytes) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(absoluteHome)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .build();
        HostnamePort bound = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                .getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        URI uri = URI.create("bolt://" + bound.getHost() + ":" + bound.getPort());
        log.info("Embedded Neo4j started with its store in {}, Bolt on {}", absoluteHome, uri);
        return new EmbeddedNeo4j(dbms, uri);
    }

    public URI boltUri() {
        return boltUri;
    }

    /** The engine itself, for what Bolt does not offer (a transaction event listener, as a test counts commits with). */
    public DatabaseManagementService managementService() {
        return dbms;
    }

    @Override
    public void close() {
        log.info("Stopping embedded Neo4j");
        dbms.shutdown();
    }
}
