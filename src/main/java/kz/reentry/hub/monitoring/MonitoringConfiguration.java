package kz.reentry.hub.monitoring;

import java.util.Set;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gauges read the graph on Spring's scheduler (ExchangeGauges.refresh), the only @Scheduled work of the hub. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonitoringConfiguration {

    /** Spring for GraphQL's observations of each field and each batch, under the request's own. */
    static final Set<String> PER_FIELD_OBSERVATIONS = Set.of("graphql.datafetcher", "graphql.dataloader");

    /**
     * A GraphQL request is observed as a whole (graphql_request_seconds by operation and outcome, and its
     * span), not field by field: nothing reads the per-field timers, and observing every field of every
     * answer cost 3-7 % of the hub's CPU per read (docs/benchmarks/where-the-time-goes.md).
     */
    @Bean
    ObservationPredicate requestsNotFields() {
        return (name, context) -> !PER_FIELD_OBSERVATIONS.contains(name);
    }

    /**
     * Nor is Spring Security's filter chain observed filter by filter, or each authentication and
     * authorization decision: the HTTP request is (http_server_requests_seconds, its span), and a refusal
     * is in the disclosure log. Left on, every filter of every request was wrapped in an observation.
     */
    @Bean
    SecurityObservationSettings securityNotObservedStepByStep() {
        return SecurityObservationSettings.noObservations();
    }
}
