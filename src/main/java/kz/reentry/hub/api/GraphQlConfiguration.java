package kz.reentry.hub.api;

import graphql.scalars.ExtendedScalars;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The schema of schema/ as an Apollo Federation 2 subgraph, with the scalars it declares. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    FederationSchemaFactory federationSchemaFactory() {
        return new FederationSchemaFactory();
    }

    @Bean
    GraphQlSourceBuilderCustomizer federationSchema(FederationSchemaFactory factory) {
        return builder -> builder.schemaFactory(factory::createGraphQLSchema);
    }

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime);
    }

    /**
     * Controller methods run on the thread of the request that asks for them. With virtual threads on,
     * Boot gives the controllers the task executor, and every blocking controller method (all of ours)
     * is then called on a new thread: a thread and a context snapshot per field and per batch, and an
     * answer completed on another thread, which Spring MVC must then write in an asynchronous dispatch.
     * The request's thread is itself a virtual thread (Tomcat's, the WebSocket session's), so waiting
     * for the graph there blocks nothing; what is lost is only that sibling root fields of one operation
     * no longer run in parallel. Measured in docs/benchmarks/where-the-time-goes.md.
     */
    @Bean
    static BeanPostProcessor controllerMethodsOnTheRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AnnotatedControllerConfigurer controllers) {
                    controllers.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }
}
