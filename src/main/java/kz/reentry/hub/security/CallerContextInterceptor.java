package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the caller (client, agency, kind of party) into the GraphQL context on the request's own thread, where the
 * token is known, so that field rules can be applied on whichever thread a field is fetched.
 */
@Component
class CallerContextInterceptor implements WebGraphQlInterceptor {

    private final CallerScopes scopes;

    CallerContextInterceptor(CallerScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller.authenticated().ifPresent(caller -> {
            String kind = scopes.partyKind(caller);
            Map<String, Object> values = new HashMap<>();
            values.put(RequestContext.CLIENT, caller.client());
            values.put(RequestContext.AGENCY, caller.agency() == null ? "unknown" : caller.agency());
            if (kind != null && !kind.isEmpty()) {
                values.put(RequestContext.PARTY_KIND, kind);
            }
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(values).build());
        });
        return chain.next(request);
    }
}
