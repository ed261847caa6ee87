package kz.reentry.hub.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Applies the field rules of the access policy to every field fetch, whatever path led there
 * (nested fields, aliases, fragments, _entities, subscriptions): a hidden field resolves to null with
 * a FORBIDDEN error naming the reason, and its fetcher never runs, so the value is not even read.
 */
@Component
class FieldAccessInstrumentation extends SimplePerformantInstrumentation {

    private final AccessPolicy policy;

    FieldAccessInstrumentation(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        DataFetchingEnvironment environment = parameters.getEnvironment();
        if (!(environment.getParentType() instanceof GraphQLObjectType parent)) {
            return dataFetcher;
        }
        String field = parent.getName() + "." + environment.getFieldDefinition().getName();
        // a count may be both: the field rule decides who sees it at all, the small cells how exactly
        DataFetcher<?> fetcher = policy.smallCells().covers(field) ? smallCellsWithheld(dataFetcher, field) : dataFetcher;
        Optional<FieldRule> rule = policy.fieldRule(parent.getName(), environment.getFieldDefinition().getName());
        if (rule.isEmpty()) {
            return fetcher;
        }
        return env -> {
            String partyKind = env.getGraphQlContext().get(RequestContext.PARTY_KIND);
            if (applies(rule.get(), env.getSource()) && rule.get().hidesFrom(partyKind)) {
                return DataFetcherResult.newResult().error(hidden(env, rule.get())).build();
            }
            return fetcher.get(env);
        };
    }

    /** Runs the count, then tells the caller what the small-cell rule lets it see of it. */
    private DataFetcher<?> smallCellsWithheld(DataFetcher<?> dataFetcher, String field) {
        return env -> {
            Object value = dataFetcher.get(env);
            // annotated controllers may answer asynchronously
            if (value instanceof CompletionStage<?> stage) {
                return stage.thenApply(count -> smallCellChecked(count, env, field));
            }
            return smallCellChecked(value, env, field);
        };
    }

    private Object smallCellChecked(Object value, DataFetchingEnvironment env, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof CellCount count)) {
            // a plain number would reach a restricted party exact: fail instead, whoever asks
            throw new IllegalStateException("'" + field + "' is ruled by smallCells but was fetched as "
                    + value.getClass().getSimpleName() + ", not as a CellCount");
        }
        String partyKind = env.getGraphQlContext().get(RequestContext.PARTY_KIND);
        Optional<Integer> published = policy.smallCells().published(count, partyKind);
        if (published.isPresent()) {
            return published.get();
        }
        return DataFetcherResult.newResult().error(GraphQLError.newError()
                .errorType(ErrorType.FORBIDDEN)
                .message("'" + field + "' is below " + policy.smallCells().threshold()
                        + " and could single out persons (SMALL_CELL)")
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .extensions(Map.of("reason", "SMALL_CELL", "field", field))
                .build()).build();
    }

    static boolean applies(FieldRule rule, Object source) {
        if (rule.when() == null) {
            return true;
        }
        if (rule.when().equals("HEALTH_RELATED")) {
            return source instanceof HealthRelated related && related.healthRelated();
        }
        throw new IllegalStateException("The access policy names an unknown condition: " + rule.when());
    }

    private static GraphQLError hidden(DataFetchingEnvironment env, FieldRule rule) {
        return GraphQLError.newError()
                .errorType(ErrorType.FORBIDDEN)
                .message("'" + rule.type() + "." + rule.field() + "' is not shown to your party (" + rule.reason() + ")")
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .extensions(Map.of("reason", rule.reason(), "field", rule.type() + "." + rule.field()))
                .build();
    }
}
