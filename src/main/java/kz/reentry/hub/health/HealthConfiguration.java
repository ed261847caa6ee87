package kz.reentry.hub.health;

import java.time.LocalDate;

import kz.reentry.hub.delivery.DeliveryProperties;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
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

    /** The validator's first run loads the R4 definitions (seconds): done at start, not in a sender's request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent ready) {
        var fhir = ready.getApplicationContext().getBean(FhirSetup.class);
        Thread.ofVirtual().name("fhir-validator-warm-up").start(() -> fhir.errors(new Patient()));
    }

    @Bean
    HandoffBundles handoffBundles(DeliveryProperties delivery) {
        return new HandoffBundles(delivery.senderId());
    }

    @Bean
    @ConditionalOnBooleanProperty("hub.delivery.dispatcher")
    IntegrationFlow healthHandoffsDue(HealthHandoffs handoffs, HandoffAnswers answers, HealthProperties properties) {
        return IntegrationFlow.fromSupplier(() -> answers.applyKeptAnswers() + handoffs.handOverAllDue(LocalDate.now()),
                        source -> source.poller(Pollers.fixedDelay(properties.checkInterval())))
                .filter(Integer.class, added -> added > 0)
                .handle(message -> log.info("E3 answers applied and messages put in the outbox: {}", message.getPayload()))
                .get();
    }
}
