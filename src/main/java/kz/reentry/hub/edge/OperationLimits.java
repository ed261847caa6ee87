package kz.reentry.hub.edge;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses, before anything runs, operations deeper or costlier than the limits: a depth bomb, a
 * circular introspection query, or a page of thousands of items each with their own lists.
 */
@Configuration(proxyBeanMethods = false)
class OperationLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(EdgeProperties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    /** A field costs 1 plus its children; a list field with {@code first} costs that many times its children. */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(EdgeProperties limits) {
        FieldComplexityCalculator calculator = (environment, childComplexity) -> {
            Object first = environment.getArguments().get("first");
            int times = first instanceof Integer size ? Math.max(size, 1) : 1;
            return 1 + times * childComplexity;
        };
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), calculator);
    }

    /** Persisted queries, strict: on only where a deployment has registered its clients' operations. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty("hub.edge.trusted-documents.enabled")
    org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer trustedDocuments(
            EdgeProperties limits, kz.reentry.hub.disclosure.DisclosureJournal journal) throws java.io.IOException {
        var documents = TrustedDocuments.load(limits.trustedDocuments().location(), journal);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
    }

    @Bean
    AliasLimit aliasLimit(EdgeProperties limits) {
        return new AliasLimit(limits.maxAliases());
    }
}
