package kz.reentry.hub.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start when the console is off because the hub trusts an external identity provider
 * (HUB_ISSUER_URI) and no console client at it is configured (hub.console.client-id), so that an operator
 * looking for /console finds the reason in the log rather than a bare 403.
 */
@Component
class ConsoleOff {

    private static final Logger log = LoggerFactory.getLogger(ConsoleOff.class);

    private final Environment environment;

    ConsoleOff(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (environment.getProperty("hub.console.enabled", Boolean.class, true)
                && ConditionalOnConsole.Condition.externalIssuer(environment) && !ConditionalOnConsole.Condition.clientConfigured(environment)) {
            log.info("The operator console is off: the hub trusts the identity provider {} and no console client at it "
                    + "is configured (hub.console.client-id, hub.console.client-secret)",
                    environment.getProperty(ConditionalOnConsole.ISSUER));
        }
    }
}
