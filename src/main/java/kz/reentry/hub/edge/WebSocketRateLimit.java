package kz.reentry.hub.edge;

import java.util.Map;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.RequestContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The client's rate over graphql-ws: each {@code subscribe} message (a subscription, or a query or
 * mutation sent over the socket) draws on the same allowance as its HTTP requests ({@link ClientRates}).
 * Over the rate, the operation is answered with a GraphQL error ({@code TOO_MANY_REQUESTS}, retry after
 * a second) instead of being run, the connection stays open, and the refusal is recorded like an HTTP 429.
 * HTTP requests are limited before they get here, by {@link ClientRateLimitFilter}.
 */
@Component
@Order(-10)
class WebSocketRateLimit implements WebGraphQlInterceptor {

    private final ClientRates rates;
    private final DisclosureJournal journal;
    private final String path;

    WebSocketRateLimit(ClientRates rates, DisclosureJournal journal,
                       @Value("${spring.graphql.websocket.path}") String path) {
        this.rates = rates;
        this.journal = journal;
        this.path = path;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        return webSocket.getSessionInfo().getPrincipal()
                .filter(Authentication.class::isInstance).cast(Authentication.class)
                .flatMap(authentication -> rates.tryAcquire(authentication.getName()) ? chain.next(request)
                        : Mono.just(refuse(webSocket, authentication)))
                // the handshake needed a token; without a principal there is nobody to count, and nothing runs unchecked
                .switchIfEmpty(Mono.defer(() -> chain.next(request)));
    }

    private WebGraphQlResponse refuse(WebSocketGraphQlRequest request, Authentication authentication) {
        Caller caller = Caller.from(authentication);
        var attributes = request.getSessionInfo().getAttributes();
        journal.refused(caller.client(), caller.agency(), named(request, RequestContext.END_USER_HEADER, attributes),
                named(request, RequestContext.PURPOSE_HEADER, attributes), "429 " + path);
        var error = GraphqlErrorBuilder.newError()
                .errorType(ErrorClassification.errorClassification("TOO_MANY_REQUESTS"))
                .message("Too many operations from client " + caller.client() + "; slow down")
                .extensions(Map.of("rule", "edge.rate", "retryAfterSeconds", 1))
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                ExecutionResult.newExecutionResult().addError(error).build()));
    }

    /** The end user or purpose, from the handshake headers or else the connection_init payload. */
    private static String named(WebSocketGraphQlRequest request, String name, Map<String, Object> attributes) {
        String header = request.getHeaders().getFirst(name);
        return header != null ? header : attributes.get(name) instanceof String value ? value : null;
    }
}
