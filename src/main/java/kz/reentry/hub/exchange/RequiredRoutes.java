package kz.reentry.hub.exchange;

import java.util.List;

import org.apache.camel.CamelContext;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Routes are read from a folder at start-up, so a wrong working directory or a deleted file would
 * otherwise leave the hub running without an intake. Refuse to start instead.
 */
@Component
class RequiredRoutes implements ApplicationRunner {

    static final List<String> IDS = List.of("e5-release-data-http", "e5-release-data-files", "e5-release-data-broker",
            "e5-release-record", "outbound-delivery");

    private final CamelContext camel;

    RequiredRoutes(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> missing = IDS.stream().filter(id -> camel.getRoute(id) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Camel routes " + missing + " were not loaded; check that "
                    + "hub.camel-routes (HUB_CAMEL_ROUTES) names the route definitions, such as classpath*:camel-routes/*.camel.yaml");
        }
    }
}
