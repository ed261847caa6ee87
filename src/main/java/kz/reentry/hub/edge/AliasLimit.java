package kz.reentry.hub.edge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;

/** Refuses documents with more aliases than the limit: an alias flood asks for one costly field many times. */
class AliasLimit extends SimplePerformantInstrumentation {

    private final int maxAliases;

    AliasLimit(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                        InstrumentationState state) {
        AtomicInteger aliases = new AtomicInteger();
        new NodeTraverser().preOrder(new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                if (field.getAlias() != null) {
                    aliases.incrementAndGet();
                }
                return TraversalControl.CONTINUE;
            }
        }, parameters.getDocument());
        if (aliases.get() > maxAliases) {
            throw new AbortExecutionException("The operation uses " + aliases.get() + " aliases; at most "
                    + maxAliases + " are allowed");
        }
        return SimpleInstrumentationContext.noOp();
    }
}
