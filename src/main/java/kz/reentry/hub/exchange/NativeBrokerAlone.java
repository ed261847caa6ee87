package kz.reentry.hub.exchange;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the ministry's own broker (HUB_ARTEMIS_MODE=native) the hub must not start its embedded one:
 * Spring Boot starts the embedded server whenever its classes are present and
 * spring.artemis.embedded.enabled is not false, whatever the mode, so a hub pointed at an external
 * broker still ran a second, unused broker with a journal in its data directory. Unless the embedded
 * server is asked for explicitly, native mode turns it off.
 */
public class NativeBrokerAlone implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_ENABLED = "spring.artemis.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode"))
                && !environment.containsProperty(EMBEDDED_ENABLED)) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("hub-native-broker-alone", Map.of(EMBEDDED_ENABLED, "false")));
        }
    }

    /** After the configuration files are read: the mode may be set in any of them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
