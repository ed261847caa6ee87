package kz.reentry.hub.graph;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The graph shaped beside the rest of the start: the hub's driver (the embedded Neo4j's or the one
 * Spring Boot builds for NEO4J_URI) is handed to the migrations on a thread of their own as soon as
 * it exists, and everyone else gets a driver that waits for them ({@link GatedDriver}). So the web
 * server, GraphQL schema, FHIR and Camel start while Neo4j starts and the migrations run, and no
 * statement of the hub ever meets a graph the migrations have not shaped. The start finishes (and
 * readiness turns UP) only once the graph is ready; a migration that fails stops the start.
 */
@Component
class GraphGate implements BeanPostProcessor, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GraphGate.class);

    private final CompletableFuture<Driver> migrated = new CompletableFuture<>();
    private volatile boolean started;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof Driver driver) || started) {
            return bean;
        }
        started = true;
        Thread.ofPlatform().name("graph-start").daemon().start(() -> {
            long start = System.nanoTime();
            try {
                GraphMigrations.apply(driver);
                log.info("Graph ready (migrations checked and applied in {} ms)", (System.nanoTime() - start) / 1_000_000);
                migrated.complete(driver);
            } catch (RuntimeException | Error e) {
                log.error("The graph could not be prepared: {}", e.toString());
                migrated.completeExceptionally(e);
            }
        });
        return GatedDriver.until(migrated, "the graph's start-up and migrations");
    }

    /** True once the migrations are applied: the graph may be used. */
    boolean open() {
        return migrated.isDone() && !migrated.isCompletedExceptionally();
    }

    /** The start waits here for the graph; a failed migration fails the start. */
    @Override
    public void run(ApplicationArguments args) {
        try {
            migrated.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The graph could not be prepared", e.getCause());
        }
    }
}
