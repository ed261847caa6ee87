package kz.reentry.hub.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every operation on personal data names, besides the client, the person at the keyboard and why
 * (like X-Road's user-id and issue headers): {@code X-End-User} and {@code X-Purpose}. They are
 * recorded in the disclosure log and passed on in every exchange the request causes. Only schema
 * metadata (_service, __schema, __type, __typename) may be asked without them.
 */
@Component
@Order(0)
class RequestPurposeInterceptor implements WebGraphQlInterceptor {

    private final kz.reentry.hub.disclosure.DisclosureJournal journal;

    RequestPurposeInterceptor(kz.reentry.hub.disclosure.DisclosureJournal journal) {
        this.journal = journal;
    }

    static final String END_USER_HEADER = "X-End-User";
    static final String PURPOSE_HEADER = "X-Purpose";

    private static final Set<String> METADATA = Set.of("_service", "__schema", "__type", "__typename");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String endUser = request.getHeaders().getFirst(END_USER_HEADER);
        String purpose = request.getHeaders().getFirst(PURPOSE_HEADER);
        if (isBlank(endUser) || isBlank(purpose)) {
            if (!onlyMetadata(request.getDocument())) {
                var caller = Caller.authenticated();
                journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                        endUser, purpose, "no " + END_USER_HEADER + " or " + PURPOSE_HEADER);
                return Mono.just(new WebGraphQlResponse(
                        new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refusal())));
            }
            return chain.next(request);
        }
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(RequestContext.END_USER, endUser.strip(),
                        RequestContext.PURPOSE, purpose.strip())).build());
        return chain.next(request);
    }

    private static graphql.ExecutionResult refusal() {
        var error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST)
                .message("Headers " + END_USER_HEADER + " (who is asking) and " + PURPOSE_HEADER
                        + " (the case or purpose) are required for operations on personal data")
                .extensions(Map.of("rule", "request.purpose"))
                .build();
        return graphql.ExecutionResult.newExecutionResult().addError(error).build();
    }

    /** True when every top-level field of every operation is schema metadata. */
    private static boolean onlyMetadata(String text) {
        if (graphql.execution.preparsed.persisted.PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(text)) {
            // a persisted query sent by its hash: what it reads is known only once it is looked up
            return false;
        }
        try {
            Document document = Parser.parse(text);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return !operations.isEmpty() && operations.stream()
                    .flatMap(operation -> operation.getSelectionSet().getSelections().stream())
                    .allMatch(selection -> selection instanceof Field field && METADATA.contains(field.getName()));
        } catch (RuntimeException e) {
            // not even a document: let validation answer it, it reads no data
            return true;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
