package kz.reentry.hub.exchange;

import java.util.Map;

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
        reply(exchange, 400, Map.of(
                "status", "REJECTED",
                "messageId", rejection.messageId() == null ? "" : rejection.messageId(),
                "deadLetterId", rejection.deadLetterId(),
                "errors", rejection.errors()));
    }

    public void unavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String incident = java.util.UUID.randomUUID().toString();
        log.error("Intake failed, incident {}", incident, cause);
        reply(exchange, 503, Map.of(
                "status", "NOT_FILED",
                "incident", incident,
                "message", "The hub could not file this message and kept nothing; send it again later."));
    }

    private void reply(Exchange exchange, int status, Object body) {
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writeValueAsString(body));
    }
}
