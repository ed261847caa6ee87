package kz.reentry.hub.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the route definitions (HUB_CAMEL_ROUTES, by default camel-routes/ as the build put it into the
 * jar) before Camel starts. Spring resolves the pattern, classpath or file system alike, and each file
 * is loaded once by its name: Camel's own classpath scanning of routes-include-pattern found a folder
 * twice when the working directory also held it, and a route configuration defined twice stops the start.
 */
@Configuration(proxyBeanMethods = false)
class CamelRoutes {

    private static final Logger log = LoggerFactory.getLogger(CamelRoutes.class);

    @Bean
    CamelContextConfiguration hubRouteDefinitions(@Value("${hub.camel-routes}") String pattern) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                Map<String, Resource> byName = new TreeMap<>();
                try {
                    for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                        byName.putIfAbsent(file.getFilename(), file);
                    }
                    // all in one call, as Camel's own loading does: route configurations (error handling)
                    // are then in place before the routes of other files that name them
                    List<org.apache.camel.spi.Resource> definitions = new ArrayList<>();
                    for (var file : byName.entrySet()) {
                        definitions.add(ResourceHelper.fromBytes(file.getKey(), file.getValue().getContentAsByteArray()));
                    }
                    PluginHelper.getRoutesLoader(camel).loadRoutes(definitions);
                } catch (IOException e) {
                    throw new UncheckedIOException("The route definitions " + pattern + " cannot be read", e);
                } catch (Exception e) {
                    throw new IllegalStateException("The route definitions " + pattern + " cannot be loaded", e);
                }
                log.info("Camel routes loaded from {}: {}", pattern, byName.keySet());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing: RequiredRoutes checks what was loaded
            }
        };
    }
}
