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

    /**
     * The consumers keep their session and consumer from one message to the next (CACHE_CONSUMER). A
     * transacted endpoint would otherwise open them again for every message (Camel's CACHE_AUTO is
     * CACHE_NONE when transacted, which only XA transactions need): these are local JMS transactions,
     * committed or rolled back per message on the same session either way.
     */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponentTransacted(connectionFactory);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }
}
