package kz.reentry.hub.exchange;

import kz.reentry.hub.security.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;
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

    /**
     * A batch file has no person at the keyboard: the sending system is the end user and the file
     * the purpose, so what the file causes (E1 notices, the disclosure log) names where it came from.
     */
    public void batchFile(Exchange exchange) {
        var message = exchange.getMessage();
        message.setHeader(IntakeHeaders.END_USER, "system:" + message.getHeader(IntakeHeaders.SENDER, String.class));
        message.setHeader(IntakeHeaders.PURPOSE, "E5 batch file " + message.getHeader(Exchange.FILE_NAME_ONLY, String.class));
    }

    /**
     * A broker message names its end user and purpose in the message properties
     * {@link IntakeHeaders#BROKER_END_USER} and {@link IntakeHeaders#BROKER_PURPOSE}; without them the
     * sending system and the message id stand in.
     */
    public void brokerMessage(Exchange exchange) {
        var message = exchange.getMessage();
        String endUser = message.getHeader(IntakeHeaders.BROKER_END_USER, String.class);
        String purpose = message.getHeader(IntakeHeaders.BROKER_PURPOSE, String.class);
        message.setHeader(IntakeHeaders.END_USER, endUser != null && !endUser.isBlank() ? endUser
                : "system:" + message.getHeader(IntakeHeaders.SENDER, String.class));
        message.setHeader(IntakeHeaders.PURPOSE, purpose != null && !purpose.isBlank() ? purpose
                : "E5 broker message " + message.getHeader(JmsConstants.JMS_HEADER_MESSAGE_ID, String.class));
    }
}
