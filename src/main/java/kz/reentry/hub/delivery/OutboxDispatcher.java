package kz.reentry.hub.delivery;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/**
 * The dispatcher, a Spring Integration flow inside the hub: every poll takes the messages that are
 * due from the outbox and hands each to one delivery attempt. The talking to other systems is
 * Camel's (camel-routes/outbound-delivery.camel.yaml). An instance started with
 * {@code hub.delivery.dispatcher=false} commits messages but leaves their delivery to others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("hub.delivery.dispatcher")
class OutboxDispatcher {

    @Bean
    IntegrationFlow outboxDispatch(Outbox outbox, OutboundDelivery delivery, DeliveryProperties properties) {
        return IntegrationFlow
                .fromSupplier(() -> {
                    List<OutboundMessage> due = outbox.claimDue(properties.batchSize(), properties.lease());
                    return due.isEmpty() ? null : due;
                }, source -> source.poller(Pollers.fixedDelay(properties.pollInterval())))
                .split()
                .handle(OutboundMessage.class, (message, headers) -> {
                    delivery.attempt(message);
                    return null;
                })
                .get();
    }
}
