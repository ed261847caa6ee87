package kz.reentry.hub.exchange;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel's {@code jms:} endpoints on the broker Spring Boot connects to (the embedded Artemis, or
 * the one spring.artemis names). Consumers read in local JMS transactions: a message is
 * acknowledged only when its route has finished with it.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponentTransacted(connectionFactory);
    }
}
