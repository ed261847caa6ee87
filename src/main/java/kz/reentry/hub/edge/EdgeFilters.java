package kz.reentry.hub.edge;

import java.util.HashMap;
import java.util.Map;

import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet filters of the edge: the spelling of the path first (every path), then on the API paths
 * size before anything reads the body, rate after authentication, then the shape of a GraphQL request.
 */
@Configuration(proxyBeanMethods = false)
class EdgeFilters {

    /** Spring Security's filter chain runs at order -100 (its default). */
    private static final int SECURITY_FILTER_ORDER = -100;

    /** First of all, on every path: one spelling per path, so every rule after this reads the same path. */
    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPath(DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new CanonicalPathFilter(journal));
        registration.addUrlPatterns("/*");
        registration.setOrder(SECURITY_FILTER_ORDER - 20);
        return registration;
    }

    /** Then, on every path too: a Content-Type Spring MVC can represent (no wildcards). */
    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentType(DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(journal));
        registration.addUrlPatterns("/*");
        registration.setOrder(SECURITY_FILTER_ORDER - 15);
        return registration;
    }

    /** Before the authorization server's chain, which checks the client's secret. */
    @Bean
    FilterRegistrationBean<TokenEndpointThrottle> tokenEndpointThrottle(EdgeProperties limits, DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new TokenEndpointThrottle(limits.tokenFailures(), journal));
        registration.addUrlPatterns("/oauth2/*");
        registration.setOrder(SECURITY_FILTER_ORDER - 5);
        return registration;
    }

    /** The console's sign-in form, counted like the token endpoint (per login instead of per client id). */
    @Bean
    FilterRegistrationBean<TokenEndpointThrottle> consoleSignInThrottle(EdgeProperties limits, DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new TokenEndpointThrottle(limits.tokenFailures(), journal,
                TokenEndpointThrottle.CONSOLE_SIGN_IN));
        registration.addUrlPatterns("/login");
        registration.setOrder(SECURITY_FILTER_ORDER - 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(EdgeProperties limits, DisclosureJournal journal) {
        Map<String, Long> streamed = new HashMap<>();
        limits.streamedRequestSizes().forEach((path, size) -> streamed.put(path, size.toBytes()));
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits.maxRequestSize().toBytes(),
                streamed, journal));
        registration.addUrlPatterns("/graphql", "/intake/*", "/fhir/*");
        registration.setOrder(SECURITY_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ClientRateLimitFilter> clientRateLimit(ClientRates rates, DisclosureJournal journal,
            @Value("${spring.graphql.websocket.path}") String webSocketPath) {
        var registration = new FilterRegistrationBean<>(new ClientRateLimitFilter(rates, journal));
        // the graphql-ws handshake too: a client cannot open connections faster than it may send requests
        registration.addUrlPatterns("/graphql", webSocketPath, "/intake/*", "/disclosures/*", "/fhir/*", "/reports/*");
        registration.setOrder(SECURITY_FILTER_ORDER + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<GraphQlTransportFilter> graphQlTransport(DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new GraphQlTransportFilter(journal));
        registration.addUrlPatterns("/graphql");
        registration.setOrder(SECURITY_FILTER_ORDER + 20);
        return registration;
    }
}
