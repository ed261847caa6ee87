package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The graph starts beside the rest of the hub (GraphGate): whoever uses the driver before Neo4j has
 * started and the migrations are applied waits for both, never meets an unshaped graph; readiness
 * says DOWN meanwhile without waiting; a graph that cannot be prepared stops the start.
 */
class GraphGateIT {

    private static final long PAGE_CACHE = 32L * 1024 * 1024;

    @Test
    @DisplayName("a statement sent while Neo4j is still starting waits, and finds every migration applied")
    void callersWaitForTheMigrations(@TempDir Path home) throws Exception {
        var gate = new GraphGate();
        try (var neo4j = EmbeddedNeo4j.startInBackground(home, 0, PAGE_CACHE)) {
            Driver deferred = GatedDriver.until(neo4j.whenStarted().thenApply(uri -> GraphDatabase.driver(uri,
                    AuthTokens.none(), Config.builder().withoutEncryption().build())), "the embedded Neo4j's start");
            Driver driver = (Driver) gate.postProcessAfterInitialization(deferred, "neo4jDriver");
            var health = new GraphHealth(gate, provider(driver));

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            // sent at once, from another thread, as a request reaching the web server early would be
            var applied = CompletableFuture.supplyAsync(() -> driver.executableQuery(
                    "MATCH (m:__Migration) RETURN count(m) AS applied").execute().records().getFirst().get("applied").asLong());

            assertThat(applied.get(3, TimeUnit.MINUTES)).isEqualTo(migrationFiles());
            assertThat(gate.open()).isTrue();
            gate.run(new DefaultApplicationArguments());
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            driver.close();
        }
    }

    @Test
    @DisplayName("two instances starting at once on an empty graph both start, and each migration and reference row is there once")
    void twoInstancesStartingAtOnce(@TempDir Path home) throws Exception {
        try (var neo4j = EmbeddedNeo4j.start(home, 0, PAGE_CACHE);
             var first = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), Config.builder().withoutEncryption().build());
             var second = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), Config.builder().withoutEncryption().build())) {
            var startsTogether = new java.util.concurrent.CyclicBarrier(2);
            var both = java.util.stream.Stream.of(first, second).map(driver -> CompletableFuture.runAsync(() -> {
                try {
                    startsTogether.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                GraphMigrations.apply(driver);
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())).toList();

            for (var start : both) {
                start.get(5, TimeUnit.MINUTES);
            }
            var counts = first.executableQuery("""
                    MATCH (m:__Migration) WITH count(m) AS records, count(DISTINCT m.name) AS names
                    MATCH (r:Region) RETURN records, names, count(r) AS regions, count(DISTINCT r.code) AS codes
                    """).execute().records().getFirst();
            assertThat(counts.get("records").asLong()).isEqualTo(migrationFiles());
            assertThat(counts.get("names").asLong()).isEqualTo(migrationFiles());
            assertThat(counts.get("regions").asLong()).isEqualTo(counts.get("codes").asLong()).isPositive();
        }
    }

    @Test
    @DisplayName("a graph that cannot be prepared fails every statement with the reason, and the start")
    void aGraphThatCannotBePreparedStopsTheStart() {
        var gate = new GraphGate();
        // nothing listens on port 1: the migrations cannot even read what is applied
        Driver unreachable = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none(),
                Config.builder().withoutEncryption().withConnectionTimeout(2, TimeUnit.SECONDS)
                        .withMaxTransactionRetryTime(0, TimeUnit.SECONDS).build());
        Driver driver = (Driver) gate.postProcessAfterInitialization(unreachable, "neo4jDriver");

        assertThatThrownBy(() -> gate.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be prepared");
        assertThatThrownBy(driver::session)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the graph's start-up and migrations failed");
        assertThat(gate.open()).isFalse();
        assertThat(new GraphHealth(gate, provider(driver)).health().getStatus()).isEqualTo(Status.DOWN);
        unreachable.close();
    }

    private static long migrationFiles() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath*:graph-model/migrations/*.cypher").length;
    }

    private static ObjectProvider<Driver> provider(Driver driver) {
        return new ObjectProvider<>() {
            @Override
            public Driver getObject(Object... args) {
                return driver;
            }

            @Override
            public Driver getIfAvailable() {
                return driver;
            }

            @Override
            public Driver getIfUnique() {
                return driver;
            }

            @Override
            public Driver getObject() {
                return driver;
            }
        };
    }
}
