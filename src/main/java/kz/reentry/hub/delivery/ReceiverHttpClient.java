package kz.reentry.hub.delivery;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client that carries envelopes to receivers retries nothing by itself: Apache HttpClient 5
 * would otherwise send a POST answered 503 (or 429) once more at once, so a failing receiver was
 * called twice per attempt, behind the back of the dispatcher's attempts, backoff and circuit
 * breaker. Every retry is the dispatcher's (OutboundDelivery), counted and spaced.
 */
@Configuration(proxyBeanMethods = false)
class ReceiverHttpClient {

    @Bean
    ComponentCustomizer noRetriesBehindTheDispatcher() {
        return ComponentCustomizer.forType(HttpComponent.class, component -> component.setAutomaticRetriesDisabled(true));
    }
}
