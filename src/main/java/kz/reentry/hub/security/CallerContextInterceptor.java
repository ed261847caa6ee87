package kz.reentry.hub.security;

import java.util.Map;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the kind of the caller's party into the GraphQL context on the request's own thread, where the
 * token is known, so that field rules can be applied on whichever thread a field is fetched.
 */
@Component
class CallerContextInterceptor implements WebGraphQlInterceptor {

    static final String PARTY_KIND = "hub.partyKind";

    private final CallerScopes scopes;

    CallerContextInterceptor(CallerScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
            String kind = scopes.partyKind(Caller.current());
            if (kind != null && !kind.isEmpty()) {
                request.configureExecutionInput((input, builder) ->
                        builder.graphQLContext(Map.of(PARTY_KIND, kind)).build());
            }
        }
        return chain.next(request);
    }
}
