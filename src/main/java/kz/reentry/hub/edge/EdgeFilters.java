package kz.reentry.hub.edge;

import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet filters of the edge, on the API paths: size before anything reads the body, rate after
 * authentication, then the shape of a GraphQL request.
 */
@Configuration(proxyBeanMethods = false)
class EdgeFilters {

    /** Spring Security's filter chain runs at order -100 (its default). */
    private static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(EdgeProperties limits, DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits.maxRequestSize().toBytes(), journal));
        registration.addUrlPatterns("/graphql", "/intake/*");
        registration.setOrder(SECURITY_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ClientRateLimitFilter> clientRateLimit(EdgeProperties limits, DisclosureJournal journal) {
        var registration = new FilterRegistrationBean<>(new ClientRateLimitFilter(limits, journal));
        registration.addUrlPatterns("/graphql", "/intake/*");
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
