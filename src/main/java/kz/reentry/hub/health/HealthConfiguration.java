package kz.reentry.hub.health;

import java.time.LocalDate;

import kz.reentry.hub.delivery.DeliveryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/** HAPI FHIR for E3, and the run that finds the handoffs whose day has come (every check-interval, and at start). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HealthConfiguration.class);

    @Bean
    FhirSetup fhirSetup() {
        return new FhirSetup();
    }

    @Bean
    HandoffBundles handoffBundles(DeliveryProperties delivery) {
        return new HandoffBundles(delivery.senderId());
    }

    @Bean
    @ConditionalOnBooleanProperty("hub.delivery.dispatcher")
    IntegrationFlow healthHandoffsDue(HealthHandoffs handoffs, HealthProperties properties) {
        return IntegrationFlow.fromSupplier(() -> handoffs.handOverAllDue(LocalDate.now()),
                        source -> source.poller(Pollers.fixedDelay(properties.checkInterval())))
                .filter(Integer.class, added -> added > 0)
                .handle(message -> log.info("E3 handoffs put in the outbox: {}", message.getPayload()))
                .get();
    }
}
