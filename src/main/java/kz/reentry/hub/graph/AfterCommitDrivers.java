package kz.reentry.hub.graph;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Wraps the hub's driver, the embedded Neo4j's or the one Spring Boot builds for NEO4J_URI alike, so
 * that its write transaction functions run their {@link AfterCommit} actions.
 */
@Component
class AfterCommitDrivers implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof Driver driver ? AfterCommit.wrap(driver) : bean;
    }
}
