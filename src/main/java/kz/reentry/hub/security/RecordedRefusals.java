package kz.reentry.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's answers to a missing, expired, forged or foreign token (401) and to a role
 * that does not allow an endpoint (403), unchanged, but each also recorded as a REFUSED entry of
 * the disclosure log: attempts matter as much as disclosures.
 */
final class RecordedRefusals {

    private final RefusalLog journal;
    private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();

    RecordedRefusals(RefusalLog journal) {
        this.journal = journal;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            record(request, "401 " + request.getRequestURI() + ": " + exception.getClass().getSimpleName());
            entryPoint.commence(request, response, inCallersTerms(exception));
        };
    }

    /**
     * The same error code and status, but a description of our own: the library's names what failed inside
     * it ("An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature"),
     * which tells a caller probing with forged tokens more than it needs.
     */
    private static AuthenticationException inCallersTerms(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError error) {
            String description = BearerTokenErrorCodes.INVALID_TOKEN.equals(error.getErrorCode())
                    ? "The access token is not valid here: malformed, expired, not signed by the hub's issuer, or for another audience"
                    : "Send exactly one bearer access token, in the Authorization header";
            return new OAuth2AuthenticationException(new BearerTokenError(error.getErrorCode(), error.getHttpStatus(),
                    description, error.getUri()), description);
        }
        return exception;
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) -> {
            record(request, "403 " + request.getRequestURI());
            deniedHandler.handle(request, response, exception);
        };
    }

    private void record(HttpServletRequest request, String what) {
        var caller = Caller.authenticated();
        journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                request.getHeader(RequestContext.END_USER_HEADER), request.getHeader(RequestContext.PURPOSE_HEADER), what);
    }
}
