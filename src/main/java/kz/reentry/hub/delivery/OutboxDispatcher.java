package kz.reentry.hub.delivery;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/**
 * The dispatcher, a Spring Integration flow inside the hub: every poll takes the messages that are
 * due from the outbox, as many for each receiver as it has calls free (its bulkhead,
 * {@link ReceiverBulkheads}), and starts one delivery attempt each, on a thread of its own. The
 * talking to other systems is Camel's (camel-routes/outbound-delivery.camel.yaml). Between polls, a
 * commit that queues a message wakes it for that message's recipient ({@link OutboxWakeups}). An
 * instance started with {@code hub.delivery.dispatcher=false} commits messages but leaves their
 * delivery to others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("hub.delivery.dispatcher")
class OutboxDispatcher {

    @Bean(destroyMethod = "close")
    DispatcherInstance dispatcherInstance(DeliveryProperties properties,
            @Value("${hub.neo4j.embedded.data-directory}") Path dataDirectory) throws IOException {
        return DispatcherInstance.of(properties.instanceId(), dataDirectory.resolve("hub-instance-id"));
    }

    @Bean(destroyMethod = "close")
    ReceiverBulkheads receiverBulkheads(Outbox outbox, OutboundDelivery delivery, Receivers receivers,
                                        DeliveryProperties properties, DispatcherInstance instance) {
        return new ReceiverBulkheads(outbox, delivery, receivers, properties, instance.claimant());
    }

    /**
     * Polls take nothing until Camel, which carries every delivery, has started: on a slow start the
     * poller runs first, and attempts made then failed ("CamelContext is stopped"), counted against the
     * receiver's circuit breaker and pushed the messages back by its open time. The context is looked up
     * at poll time: a flow bean that depends on it makes Camel start before its routes are added.
     */
    /** Woken by a commit that queued messages: theirs, at once, on the same terms as a poll. */
    @Bean(destroyMethod = "close")
    OutboxWakeups outboxWakeups(ReceiverBulkheads bulkheads, ObjectProvider<CamelContext> camel) {
        return new OutboxWakeups(recipients -> {
            if (camel.getObject().getStatus().isStarted()) {
                bulkheads.claimFor(recipients).forEach(bulkheads::start);
            }
        });
    }

    @Bean
    IntegrationFlow outboxDispatch(ReceiverBulkheads bulkheads, DeliveryProperties properties,
                                   ObjectProvider<CamelContext> camel) {
        return IntegrationFlow
                .fromSupplier(() -> camel.getObject().getStatus().isStarted() ? bulkheads.claim() : null,
                        source -> source.poller(Pollers.fixedDelay(properties.pollInterval())))
                .split()
                .handle(ReceiverBulkheads.Claimed.class, (claimed, headers) -> {
                    bulkheads.start(claimed);
                    return null;
                })
                .get();
    }
}
