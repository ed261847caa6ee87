package kz.reentry.hub.exchange;

import org.apache.camel.Exchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names the sender of a message arriving over HTTP: the client the bearer token was issued to.
 * The security filter chain has already authenticated the request on this thread.
 */
@Component("intakeSender")
public class IntakeSender {

    public void identify(Exchange exchange) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        exchange.getMessage().setHeader(IntakeHeaders.SENDER,
                authentication == null ? "anonymous" : authentication.getName());
        if (authentication instanceof org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken) {
            exchange.getMessage().setHeader(IntakeHeaders.SENDER_AGENCY, kz.reentry.hub.security.Caller.current().agency());
        }
    }
}
