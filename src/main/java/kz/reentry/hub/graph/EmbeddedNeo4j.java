package kz.reentry.hub.graph;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    private record Started(DatabaseManagementService dbms, URI boltUri) {
    }

    private final CompletableFuture<Started> started;

    private EmbeddedNeo4j(CompletableFuture<Started> started) {
        this.started = started;
    }

    /** Starts the engine and returns once it answers on Bolt. */
    public static EmbeddedNeo4j start(Path home, int boltPort, long pageCacheBytes) {
        return new EmbeddedNeo4j(CompletableFuture.completedFuture(run(home, boltPort, pageCacheBytes)));
    }

    /** Starts the engine on a thread of its own and returns at once; {@link #boltUri()} waits for it. */
    public static EmbeddedNeo4j startInBackground(Path home, int boltPort, long pageCacheBytes) {
        var started = new CompletableFuture<Started>();
        Thread.ofPlatform().name("embedded-neo4j-start").daemon().start(() -> {
            try {
                started.complete(run(home, boltPort, pageCacheBytes));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        return new EmbeddedNeo4j(started);
    }

    private static Started run(Path home, int boltPort, long pageCacheBytes) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        long starting = System.nanoTime();
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
        log.info("Embedded Neo4j started in {} ms with its store in {}, Bolt on {}", (System.nanoTime() - starting) / 1_000_000,
                absoluteHome, uri);
        return new Started(dbms, uri);
    }

    /** Where the engine answers, when it has started. */
    CompletableFuture<URI> whenStarted() {
        return started.thenApply(Started::boltUri);
    }

    /** Where the engine answers, once it has started. */
    public URI boltUri() {
        try {
            return started.join().boltUri();
        } catch (CompletionException e) {
            throw new IllegalStateException("The embedded Neo4j did not start", e.getCause());
        }
    }

    /** The engine itself, for what Bolt does not offer (a transaction event listener, as a test counts commits with). */
    public DatabaseManagementService managementService() {
        try {
            return started.join().dbms();
        } catch (CompletionException e) {
            throw new IllegalStateException("The embedded Neo4j did not start", e.getCause());
        }
    }

    /** Waits for a start still under way, so that the engine is shut down rather than left running. */
    @Override
    public void close() {
        Started running;
        try {
            running = started.join();
        } catch (CompletionException e) {
            return;
        }
        log.info("Stopping embedded Neo4j");
        running.dbms().shutdown();
    }
}
