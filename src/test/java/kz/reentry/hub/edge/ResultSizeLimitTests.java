package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The answer's own size, the second line behind the estimate: graphql-java counts the values while it
 * runs, and an answer that reached the limit is withheld whole with an error naming the limit.
 */
class ResultSizeLimitTests {

    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                    new SchemaParser().parse("type Query { items(n: Int!): [Item!]! } type Item { a: Int b: Int }"),
                    RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("items", env ->
                            IntStream.range(0, env.<Integer>getArgument("n")).mapToObj(i -> Map.of("a", i, "b", i)).toList())).build()))
            .instrumentation(new ResultSizeLimit(100))
            .build();

    @Test
    @DisplayName("an answer within the limit is sent as it is")
    void withinTheLimit() {
        ExecutionResult result = graphQl.execute("{ items(n: 20) { a b } }");

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData().get("items")).asList().hasSize(20);
    }

    @Test
    @DisplayName("an answer past the limit is withheld whole, with an error naming the limit")
    void pastTheLimit() {
        ExecutionResult result = graphQl.execute("{ items(n: 500) { a b } }");

        assertThat((Object) result.getData()).isNull();
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getMessage()).contains("hub.edge.max-result-nodes").contains("100");
            assertThat(error.getExtensions()).containsEntry("rule", "edge.max-result-nodes").containsEntry("limit", 100);
            assertThat(error.getErrorType().toString()).isEqualTo("ExecutionAborted");
        });
    }
}
