package kz.reentry.hub.employment;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/** The run that sends the E4 messages whose day has come (every check-interval, and at start). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmploymentProperties.class)
class EmploymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmploymentConfiguration.class);

    @Bean
    @ConditionalOnBooleanProperty("hub.delivery.dispatcher")
    IntegrationFlow employmentReferralsDue(EmploymentReferrals referrals, EmploymentProperties properties) {
        return IntegrationFlow.fromSupplier(() -> referrals.sendAllDue(LocalDate.now()),
                        source -> source.poller(Pollers.fixedDelay(properties.checkInterval())))
                .filter(Integer.class, added -> added > 0)
                .handle(message -> log.info("E4 messages put in the outbox: {}", message.getPayload()))
                .get();
    }
}
