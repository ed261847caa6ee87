package kz.reentry.hub.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.stereotype.Component;

/**
 * The first step of the broker channel, run as a processor so that nothing has read the body yet.
 * Only text and bytes messages carry a record. Above all an ObjectMessage is never read: reading it
 * means deserializing Java objects a sender chose, the classic way into a JVM. It is dead-lettered
 * with a description of what came instead of its content. It also notes which delivery of the
 * message this is (JMSXDeliveryCount, which Camel does not map to a header).
 */
@Component("brokerMessageCheck")
public class BrokerMessageCheck implements Processor {

    /** The broker's delivery count of this message: 1 the first time. */
    public static final String DELIVERY = "hubBrokerDelivery";

    @Override
    public void process(Exchange exchange) throws JMSException {
        if (!(exchange.getMessage() instanceof JmsMessage jms) || jms.getJmsMessage() == null) {
            return;
        }
        var received = jms.getJmsMessage();
        exchange.getMessage().setHeader(DELIVERY, received.propertyExists("JMSXDeliveryCount")
                ? received.getIntProperty("JMSXDeliveryCount") : 1);
        if (received instanceof TextMessage || received instanceof BytesMessage) {
            return;
        }
        String kind = received instanceof ObjectMessage ? "ObjectMessage" : received.getClass().getSimpleName();
        String description = "<" + kind + ", not read>";
        exchange.getMessage().setBody(description);
        exchange.setProperty(IntakeHeaders.PAYLOAD, description);
        throw new RecordRejectedException(null, new FieldError("$", "message.type",
                "a " + kind + " came; release records are read only from text (JSON) or bytes messages,"
                        + " and Java objects are never deserialized"));
    }
}
