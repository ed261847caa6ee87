package kz.reentry.hub.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the Cypher queries the hub's repositories send through {@code Driver.executableQuery}, so a
 * test can show that a GraphQL operation costs a fixed number of queries, not one per item.
 */
public final class CypherQueryCounter {

    private final AtomicInteger queries = new AtomicInteger();
    private final java.util.List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void reset() {
        queries.set(0);
        texts.clear();
    }

    /** The text of every query counted since the last reset. */
    public java.util.List<String> texts() {
        return java.util.List.copyOf(texts);
    }

    public int count() {
        return queries.get();
    }

    Driver counting(Driver driver) {
        return (Driver) Proxy.newProxyInstance(Driver.class.getClassLoader(), new Class<?>[]{Driver.class},
                (proxy, method, args) -> {
                    // the disclosure log's writer and the outbox dispatcher (a scheduler thread) are not
                    // part of any operation
                    String thread = Thread.currentThread().getName();
                    if (method.getName().equals("executableQuery")
                            && !thread.startsWith("disclosure-log") && !thread.startsWith("scheduling-")) {
                        queries.incrementAndGet();
                        texts.add(String.valueOf(args[0]));
                    }
                    try {
                        return method.invoke(driver, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Wiring {

        @Bean
        CypherQueryCounter cypherQueryCounter() {
            return new CypherQueryCounter();
        }

        @Bean
        static BeanPostProcessor countCypherQueries(org.springframework.beans.factory.ObjectProvider<CypherQueryCounter> counter) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof Driver driver ? counter.getObject().counting(driver) : bean;
                }
            };
        }
    }
}
