package kz.reentry.hub.security;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the access token: the client, its agency (party code), where it acts and
 * its roles. Every change the hub records names the caller this way.
 */
public record Caller(String client, String agency, String region, List<String> roles) {

    /** The caller, when a client authenticated by a bearer token is on this thread. */
    public static Optional<Caller> authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken ? Optional.of(from(authentication)) : Optional.empty();
    }

    public static Caller current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Caller from(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            List<String> roles = jwt.getClaimAsStringList(HubClaims.ROLES);
            return new Caller(jwt.getSubject(), jwt.getClaimAsString(HubClaims.AGENCY),
                    jwt.getClaimAsString(HubClaims.REGION), roles == null ? List.of() : roles);
        }
        throw new IllegalStateException("No authenticated caller on this thread");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
