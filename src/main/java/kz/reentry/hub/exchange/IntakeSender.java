package kz.reentry.hub.exchange;

import kz.reentry.hub.security.Caller;
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
        Caller.authenticated().ifPresent(caller ->
                exchange.getMessage().setHeader(IntakeHeaders.SENDER_AGENCY, caller.agency()));
    }
}
