package kz.reentry.hub.exchange;

import java.util.UUID;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP answers of intake routes: 200 with the receipt, 400 with every broken rule and the
 * dead-letter id, 503 when the hub could not file the message (the sender keeps it and retries).
 */
@Component("intakeHttpReplies")
public class IntakeHttpReplies {

    private static final Logger log = LoggerFactory.getLogger(IntakeHttpReplies.class);

    private final JsonMapper json;

    IntakeHttpReplies(JsonMapper json) {
        this.json = json;
    }

    public void accepted(Exchange exchange) {
        reply(exchange, 200, exchange.getMessage().getBody());
    }

    public void rejected(Exchange exchange) {
        var rejection = exchange.getMessage().getBody(DeadLetterStore.Rejection.class);
        reply(exchange, 400, rejection.reply());
    }

    public void unavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String incident = UUID.randomUUID().toString();
        log.error("Intake failed, incident {}", incident, cause);
        reply(exchange, 503, new NotFiled("NOT_FILED", incident,
                "The hub could not file this message and kept nothing; send it again later."));
    }

    /** 503: nothing was filed or kept; the incident id points to the hub's log. */
    record NotFiled(String status, String incident, String message) {
    }

    private void reply(Exchange exchange, int status, Object body) {
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writeValueAsString(body));
    }
}
