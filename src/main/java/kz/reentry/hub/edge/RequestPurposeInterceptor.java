package kz.reentry.hub.edge;

import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.ConsoleSignIn;
import kz.reentry.hub.security.RequestContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every operation on personal data names, besides the client, the person at the keyboard and why
 * (like X-Road's user-id and issue headers): {@code X-End-User} and {@code X-Purpose}. They are
 * recorded in the disclosure log and passed on in every exchange the request causes. Only schema
 * metadata (_service, __schema, __type, __typename) may be asked without them, decided on the text that
 * will run (for a persisted query sent by its hash, the registered text; a text that cannot be read is
 * not metadata). Over graphql-ws a browser, which cannot set handshake headers, may name them in the
 * connection_init payload instead.
 */
@Component
@Order(0)
class RequestPurposeInterceptor implements WebSocketGraphQlInterceptor {

    private final DisclosureJournal journal;
    private final ObjectProvider<TrustedDocuments> trustedDocuments;

    RequestPurposeInterceptor(DisclosureJournal journal,
                              ObjectProvider<TrustedDocuments> trustedDocuments) {
        this.journal = journal;
        this.trustedDocuments = trustedDocuments;
    }

    static final String END_USER_HEADER = RequestContext.END_USER_HEADER;
    static final String PURPOSE_HEADER = RequestContext.PURPOSE_HEADER;

    private static final Set<String> METADATA = Set.of("_service", "__schema", "__type", "__typename");

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        for (String name : List.of(END_USER_HEADER, PURPOSE_HEADER)) {
            if (payload.get(name) instanceof String value) {
                session.getAttributes().put(name, value);
            }
        }
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String endUser = named(request, END_USER_HEADER);
        String purpose = named(request, PURPOSE_HEADER);
        String person = signedInPerson();
        if (person != null) {
            // a token issued to a person (the operator console's sign-in, ADR 0012): that person is at the
            // keyboard, whatever a header says; a header naming someone else is refused, not believed
            if (!isBlank(endUser) && !endUser.strip().equals(person)) {
                var caller = Caller.authenticated();
                journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                        person, purpose, END_USER_HEADER + " names another person than the token's");
                return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                        refusal("The token was issued to a person; " + END_USER_HEADER + " may only name them",
                                "request.endUser"))));
            }
            endUser = person;
        }
        if (isBlank(endUser) || isBlank(purpose)) {
            if (!onlyMetadata(textToRun(request))) {
                var caller = Caller.authenticated();
                journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                        endUser, purpose, "no " + END_USER_HEADER + " or " + PURPOSE_HEADER);
                return Mono.just(new WebGraphQlResponse(
                        new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refusal(
                                "Headers " + END_USER_HEADER + " (who is asking) and " + PURPOSE_HEADER
                                        + " (the case or purpose) are required for operations on personal data",
                                "request.purpose"))));
            }
            return chain.next(request);
        }
        String atTheKeyboard = endUser.strip();
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(RequestContext.END_USER, atTheKeyboard,
                        RequestContext.PURPOSE, purpose.strip())).build());
        return chain.next(request);
    }

    /** The person a bearer token was issued to (claim end_user), or null for a system's token. */
    private static String signedInPerson() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            String person = token.getToken().getClaimAsString(ConsoleSignIn.END_USER_CLAIM);
            return isBlank(person) ? null : person.strip();
        }
        return null;
    }

    private static graphql.ExecutionResult refusal(String message, String rule) {
        var error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST)
                .message(message)
                .extensions(Map.of("rule", rule))
                .build();
        return graphql.ExecutionResult.newExecutionResult().addError(error).build();
    }

    /**
     * The text that will run: the document sent, or for a persisted query sent by its hash alone (no
     * text, an empty one, or Spring's marker for it) the registered operation that hash names; null when
     * there is none. The decision is taken on what will run, never on what was sent in its place.
     */
    private String textToRun(WebGraphQlRequest request) {
        String text = request.getDocument();
        if (text != null && !text.isBlank()
                && !PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(text)) {
            return text;
        }
        TrustedDocuments documents = trustedDocuments.getIfAvailable();
        String hash = TrustedDocuments.requestedHash(request.getExtensions());
        return documents == null ? null : documents.registered(hash).orElse(null);
    }

    /**
     * True when every top-level field of every operation is schema metadata. Anything that is not a
     * readable document (none, empty, unparseable) is not metadata: it needs the headers like any other.
     */
    private static boolean onlyMetadata(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            Document document = Parser.parse(text);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return !operations.isEmpty() && operations.stream()
                    .flatMap(operation -> operation.getSelectionSet().getSelections().stream())
                    .allMatch(selection -> selection instanceof Field field && METADATA.contains(field.getName()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The header, or over graphql-ws without it, the value of the connection_init payload. */
    private static String named(WebGraphQlRequest request, String header) {
        String value = request.getHeaders().getFirst(header);
        if (isBlank(value) && request instanceof WebSocketGraphQlRequest webSocket
                && webSocket.getSessionInfo().getAttributes().get(header) instanceof String initValue) {
            return initValue;
        }
        return value;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
