package kz.reentry.hub.edge;

import java.util.List;
import java.util.Map;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The estimated cost of an operation, checked before it runs: each field costs 1 plus its children
 * times the number of items it can return. A page counts as its {@code first}; a list without
 * {@code first} (the districts of a region, the measures of a programme) as many items as it can
 * really hold ({@code hub.edge.list-sizes}), not as one: otherwise a small query cycling through
 * reference data (party, serves, districts, region, districts, ...) multiplies unseen into hundreds of
 * thousands of objects. {@code _entities} counts its representations.
 */
final class OperationCost extends MaxQueryComplexityInstrumentation {

    /** The page a connection returns without {@code first} (api.PageSize). */
    private static final int DEFAULT_PAGE = 20;

    private final int maxCost;

    OperationCost(EdgeProperties limits) {
        super(limits.maxComplexity(), calculator(limits));
        this.maxCost = limits.maxComplexity();
    }

    private static FieldComplexityCalculator calculator(EdgeProperties limits) {
        // a field's cost is capped just above the limit, so that no sum of them can overflow an int
        long cap = (long) limits.maxComplexity() + 1;
        return (environment, childComplexity) -> (int) Math.min(cap, 1 + items(environment, limits) * (long) childComplexity);
    }

    /** How many items the field is counted as. */
    static long items(FieldComplexityEnvironment environment, EdgeProperties limits) {
        GraphQLFieldDefinition definition = environment.getFieldDefinition();
        Map<String, Object> arguments = environment.getArguments();
        if (definition.getArgument("first") != null) {
            Object first = arguments.get("first");
            return first instanceof Integer size ? Math.max(size, 1) : DEFAULT_PAGE;
        }
        if (!(GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList)) {
            return 1;
        }
        if (arguments.get("representations") instanceof List<?> representations) {
            return Math.max(representations.size(), 1);
        }
        String parent = environment.getParentType() instanceof GraphQLNamedType named ? named.getName() : "";
        if (parent.endsWith("Connection") && definition.getName().equals("edges")) {
            // the connection field has already counted its page
            return 1;
        }
        return limits.listSize(parent + "." + definition.getName());
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalComplexity, int maxComplexity) {
        return new Refusal("The operation could resolve more than " + maxCost + " fields, the limit (hub.edge.max-complexity; "
                + "a list without 'first' counts as many items as it can hold): ask for fewer fields, fewer nested lists or smaller pages",
                Map.of("rule", "edge.max-complexity", "limit", maxCost));
    }

    /** A refusal by a limit, with the rule and the limit in its extensions. */
    static final class Refusal extends AbortExecutionException {

        private final Map<String, Object> extensions;

        Refusal(String message, Map<String, Object> extensions) {
            super(message);
            this.extensions = extensions;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }
    }
}
