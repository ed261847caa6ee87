package kz.reentry.hub.api;

import com.apollographql.federation.graphqljava.tracing.FederatedTracingInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * Apollo federated tracing (ftv1): when the router asks with {@code apollo-federation-include-trace: ftv1},
 * the response carries the execution trace in {@code extensions.ftv1}; otherwise nothing is traced.
 */
@Configuration(proxyBeanMethods = false)
class FederatedTracing {

    @Bean
    FederatedTracingInstrumentation federatedTracingInstrumentation() {
        return new FederatedTracingInstrumentation();
    }

    /** The instrumentation looks for the header in the GraphQL context, so copy it there. */
    @Bean
    WebGraphQlInterceptor federatedTracingHeader() {
        return (request, chain) -> {
            String header = request.getHeaders().getFirst(FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_NAME);
            if (header != null) {
                request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        context -> context.put(FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_NAME, header)).build());
            }
            return chain.next(request);
        };
    }
}
