package kz.reentry.hub.graph;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance at a time shapes the graph: several hub instances starting together on one graph (a
 * new deployment, a rolling upgrade) would otherwise create the same indexes at once, and all but one
 * fail with "an equivalent index already exists". A lease on one node: taken by whoever finds it free
 * or expired, renewed before each migration, given back at the end; an instance killed while
 * migrating holds it only until the lease runs out, and the next one carries on where it stopped.
 */
final class MigrationLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private static final String KEYED = """
            CREATE CONSTRAINT graph_migration_lock IF NOT EXISTS FOR (l:__MigrationLock) REQUIRE l.name IS UNIQUE
            """;
    /** The node's write lock first, so that the owner read next is the last one committed. */
    private static final String LOCK_NODE = """
            MERGE (l:__MigrationLock {name: 'graph-model'})
            SET l.touchedAt = datetime()
            """;
    private static final String TAKE = """
            MATCH (l:__MigrationLock {name: 'graph-model'})
            WITH l, l.owner IS NULL OR l.owner = $me OR l.until < datetime() AS free
            SET l.owner = CASE WHEN free THEN $me ELSE l.owner END,
                l.until = CASE WHEN free THEN datetime() + duration({seconds: $lease}) ELSE l.until END
            RETURN free
            """;
    private static final String GIVE_BACK = """
            MATCH (l:__MigrationLock {name: 'graph-model', owner: $me})
            SET l.owner = null, l.until = null
            """;

    private final Session session;
    private final String me = UUID.randomUUID().toString();

    private MigrationLock(Session session) {
        this.session = session;
    }

    /** Waits until this instance holds the lease. */
    static MigrationLock take(Session session) {
        keyed(session);
        var lock = new MigrationLock(session);
        boolean told = false;
        while (!lock.takeOrRenew()) {
            if (!told) {
                log.info("Another hub instance is migrating the graph; waiting for it");
                told = true;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for another instance's migrations", e);
            }
        }
        return lock;
    }

    /** Before each migration: the lease runs for another {@link #LEASE} from now. */
    boolean takeOrRenew() {
        return session.executeWrite(tx -> {
            tx.run(LOCK_NODE).consume();
            return tx.run(TAKE, Map.of("me", me, "lease", LEASE.toSeconds())).single().get("free").asBoolean();
        });
    }

    @Override
    public void close() {
        session.executeWriteWithoutResult(tx -> tx.run(GIVE_BACK, Map.of("me", me)).consume());
    }

    /** Two instances creating the constraint at once: the one that loses finds it made by the other. */
    private static void keyed(Session session) {
        try {
            session.executeWriteWithoutResult(tx -> tx.run(KEYED).consume());
        } catch (ClientException e) {
            session.executeWriteWithoutResult(tx -> tx.run(KEYED).consume());
        }
    }
}
