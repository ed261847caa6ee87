package kz.reentry.hub.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ResultNodesInfo;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

/**
 * The second line behind the cost estimate: the answer itself may hold at most so many values (fields
 * and list items, counted by graphql-java while it runs, which stops fetching beyond the limit). An
 * answer that reached the limit is withheld whole, with an error naming the limit, rather than sent
 * with holes in it.
 */
final class ResultSizeLimit extends SimplePerformantInstrumentation {

    private static final InstrumentationState ON = new InstrumentationState() {
    };

    private final int maxNodes;

    ResultSizeLimit(int maxNodes) {
        this.maxNodes = maxNodes;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return ON;
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        executionInput.getGraphQLContext().put(ResultNodesInfo.MAX_RESULT_NODES, maxNodes);
        return executionInput;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        ResultNodesInfo nodes = parameters.getGraphQLContext().get(ResultNodesInfo.RESULT_NODES_INFO);
        if (nodes == null || !nodes.isMaxResultNodesExceeded()) {
            return CompletableFuture.completedFuture(result);
        }
        var refusal = new OperationCost.Refusal("The answer would hold more than " + maxNodes
                + " values, the limit (hub.edge.max-result-nodes); it is withheld: ask for fewer fields or smaller pages",
                Map.of("rule", "edge.max-result-nodes", "limit", maxNodes));
        return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().errors(List.of(refusal)).build());
    }
}
