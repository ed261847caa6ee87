package kz.reentry.hub.edge;

import java.io.IOException;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Refuses, before anything runs, operations deeper or costlier than the limits: a depth bomb, a
 * circular introspection query, a page of thousands of items each with their own lists, or lists
 * nested through reference data; and withholds an answer that grows past its limit all the same.
 */
@Configuration(proxyBeanMethods = false)
class OperationLimits {

    /** Distinct documents kept parsed: far more than the operations of every known client together. */
    private static final long PARSED_DOCUMENTS_HELD = 1_000;

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(EdgeProperties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    /** A field costs 1 plus its children times its items: a page its {@code first}, a list what it can hold. */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(EdgeProperties limits) {
        return new OperationCost(limits);
    }

    /** Ahead of the other instrumentations, so that a withheld answer is what they (the disclosure log) see. */
    @Bean
    @Order(0)
    ResultSizeLimit resultSizeLimit(EdgeProperties limits) {
        return new ResultSizeLimit(limits.maxResultNodes());
    }

    /**
     * Persisted queries, strict: on only where a deployment has registered its clients' operations. A
     * bean of its own, so that the purpose check can decide on the text a hash stands for.
     */
    @Bean
    @ConditionalOnBooleanProperty("hub.edge.trusted-documents.enabled")
    TrustedDocuments trustedDocuments(EdgeProperties limits, DisclosureJournal journal, ParsedDocuments parsed)
            throws IOException {
        return TrustedDocuments.load(limits.trustedDocuments().location(), journal, parsed);
    }

    /** Each distinct document parsed and validated once; the limits that depend on variables still run per request. */
    @Bean
    ParsedDocuments parsedDocuments() {
        return new ParsedDocuments(PARSED_DOCUMENTS_HELD);
    }

    /** Only registered operations where a deployment says so (they are parsed once too), else any, parsed once. */
    @Bean
    GraphQlSourceBuilderCustomizer documentProvider(ParsedDocuments parsed, ObjectProvider<TrustedDocuments> trusted) {
        PreparsedDocumentProvider provider = trusted.getIfAvailable() == null ? parsed : trusted.getObject();
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
    }

    @Bean
    AliasLimit aliasLimit(EdgeProperties limits) {
        return new AliasLimit(limits.maxAliases());
    }
}
