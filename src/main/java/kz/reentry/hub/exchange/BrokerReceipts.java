package kz.reentry.hub.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker channel has no reply, so each message is answered by a receipt to the penal system
 * through the outbox, like a batch file's. It is committed after the record (inside the broker's
 * transaction): if it cannot be, the message goes back to the broker, comes again as a DUPLICATE
 * and is answered then. The receipt's id follows from its content, so it is never sent twice.
 */
@Component("brokerReceipts")
public class BrokerReceipts {

    private final Driver driver;
    private final Outbox outbox;
    private final JsonMapper json;
    private final String recipient;

    BrokerReceipts(Driver driver, Outbox outbox, JsonMapper json,
                   IntakeProperties intake) {
        this.driver = driver;
        this.outbox = outbox;
        this.json = json;
        this.recipient = intake.receiptRecipient();
    }

    /** After the record route: the body is its receipt. */
    public void filed(Exchange exchange) {
        send(exchange, RecordOutcome.filed(exchange.getMessage().getBody(FilingReceipt.class)));
    }

    /** After the rejection was dead-lettered: the body is the rejection. */
    public void rejected(Exchange exchange) {
        send(exchange, RecordOutcome.rejected(exchange.getMessage().getBody(DeadLetterStore.Rejection.class)));
    }

    /**
     * The receipt names the exchange the message came in on (E5 release records, E3 medical parts), and
     * goes through the outbox as a message of that exchange.
     */
    private void send(Exchange exchange, RecordOutcome outcome) {
        var message = exchange.getMessage();
        String exchangeName = message.getHeader(IntakeHeaders.EXCHANGE, BatchFiles.RECEIPT_EXCHANGE, String.class);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("receipt", exchangeName + " broker message");
        content.put("brokerMessageId", message.getHeader(JmsConstants.JMS_HEADER_MESSAGE_ID, String.class));
        content.put("outcome", outcome);
        String payload = json.writeValueAsString(content);
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> outbox.enqueue(tx, new NewOutboundMessage(exchangeName,
                    recipient, null, null, payload, message.getHeader(IntakeHeaders.END_USER, String.class),
                    message.getHeader(IntakeHeaders.PURPOSE, String.class),
                    message.getHeader(IntakeHeaders.SENDER, String.class))));
        }
    }
}
