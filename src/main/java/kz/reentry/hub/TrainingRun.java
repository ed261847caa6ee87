package kz.reentry.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * {@code hub.exit-when-ready=true}: the hub stops (exit code 0) as soon as it is ready, a start from
 * launch to readiness and nothing else. That is the training run of the class-data cache the image
 * starts from ({@code -XX:AOTCacheOutput} or {@code -XX:ArchiveClassesAtExit}, see the Dockerfile):
 * the JVM writes the cache when it exits, with the classes the whole start loaded (the embedded
 * Neo4j's, the migrations' Cypher planning, Tomcat's and Camel's), which
 * {@code -Dspring.context.exit=onRefresh} would stop before. Run it on a throw-away HUB_DATA_DIR.
 */
@Component
@ConditionalOnBooleanProperty("hub.exit-when-ready")
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("Ready; stopping, as hub.exit-when-ready asks");
        // not on the main thread, which is still inside SpringApplication.run publishing this event
        Thread.ofPlatform().name("exit-when-ready").start(
                () -> System.exit(SpringApplication.exit(event.getApplicationContext())));
    }
}
