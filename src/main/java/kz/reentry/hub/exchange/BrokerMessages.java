package kz.reentry.hub.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the broker channel takes from a message before anything else reads it (the route reads the
 * JMS message unmapped, so Camel converts nothing on its own). Only a text or bytes message carries a
 * record; anything else, above all an ObjectMessage, is dead-lettered without being read, since
 * reading an ObjectMessage means deserializing Java objects a sender chose. A message larger than
 * hub.edge.max-request-size (the limit of every channel) is dead-lettered without its body, as the
 * HTTP intake keeps nothing of a body it refuses. And a message whose filing still fails on its
 * hub.intake.broker-max-deliveries-th delivery is dead-lettered as unfileable (ADR 0009).
 */
@Component("brokerMessages")
public class BrokerMessages {

    /** The broker's count of this message's deliveries: 1 the first time. */
    public static final String DELIVERY = "hubBrokerDelivery";
    private static final String LARGE_SIZE = "_AMQ_LARGE_SIZE";
    private static final Logger log = LoggerFactory.getLogger(BrokerMessages.class);

    private final long maxBytes;
    private final int maxDeliveries;
    private final JsonMapper json;

    BrokerMessages(@Value("${hub.edge.max-request-size}") DataSize maxSize,
                   IntakeProperties intake, JsonMapper json) {
        this.maxBytes = maxSize.toBytes();
        this.maxDeliveries = intake.brokerMaxDeliveries();
        this.json = json;
    }

    /** Puts the record's text in the body, or throws the rejection of a message that carries none. */
    public void read(Exchange exchange) throws JMSException {
        var message = exchange.getMessage();
        Message received = message instanceof JmsMessage jms ? jms.getJmsMessage() : null;
        if (received == null) {
            reject(exchange, "<no JMS message>", "message.type", "the message carried nothing the hub can read");
            return;
        }
        message.setHeader(DELIVERY, received.propertyExists("JMSXDeliveryCount")
                ? received.getIntProperty("JMSXDeliveryCount") : 1);
        if (received instanceof TextMessage text) {
            if (received.propertyExists(LARGE_SIZE) && received.getLongProperty(LARGE_SIZE) > 4 * maxBytes + 64) {
                tooLarge(exchange, "text", "about " + received.getLongProperty(LARGE_SIZE) / 2 + " characters");
                return;
            }
            String body = text.getText();
            long bytes = body == null ? 0 : utf8Length(body);
            if (bytes > maxBytes) {
                tooLarge(exchange, "text", bytes + " bytes");
                return;
            }
            message.setBody(body == null ? "" : body);
        } else if (received instanceof BytesMessage bytesMessage) {
            long length = bytesMessage.getBodyLength();
            if (length > maxBytes) {
                tooLarge(exchange, "bytes", length + " bytes");
                return;
            }
            byte[] bytes = new byte[(int) length];
            bytesMessage.readBytes(bytes);
            try {
                message.setBody(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                reject(exchange, new String(bytes, StandardCharsets.UTF_8), "message.encoding",
                        "the bytes of the message are not UTF-8 text; the record must be JSON in UTF-8");
            }
        } else {
            String kind = received instanceof ObjectMessage ? "ObjectMessage" : received instanceof MapMessage ? "MapMessage"
                    : received instanceof StreamMessage ? "StreamMessage" : "Message without a body";
            reject(exchange, "<" + kind + ", not read>", "message.type", "a " + kind + " came; release records are"
                    + " read only from text (JSON) or bytes messages, and Java objects are never deserialized");
        }
    }

    /** Whether a failure on this delivery makes the message a dead letter rather than one to redeliver. */
    public boolean lastDelivery(Exchange exchange) {
        Integer delivery = exchange.getMessage().getHeader(DELIVERY, Integer.class);
        return delivery != null && delivery >= maxDeliveries;
    }

    /**
     * The message failed on its last delivery: the failure becomes a rejection with the rule
     * record.unfileable (the cause goes to the log under an incident id), so the channel's rejection
     * handling dead-letters it with its whole payload, ready to be replayed once the cause is fixed.
     */
    public void unfileable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String incident = UUID.randomUUID().toString();
        int delivery = exchange.getMessage().getHeader(DELIVERY, 0, Integer.class);
        log.error("A broker message could not be filed in {} deliveries and is dead-lettered, incident {}",
                delivery, incident, cause);
        String payload = exchange.getProperty(IntakeHeaders.PAYLOAD, String.class);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RecordRejectedException(messageIdIn(payload),
                new FieldError("$", "record.unfileable", "the hub could not file the message in " + delivery
                        + " deliveries; the failure is in the hub's log as incident " + incident
                        + "; replay it once the cause is fixed")));
    }

    private void tooLarge(Exchange exchange, String kind, String size) {
        reject(exchange, "<a " + kind + " message of " + size + ", more than the " + maxBytes + " bytes accepted: not kept>",
                "message.size", "the message is " + size + "; at most " + maxBytes + " bytes are accepted on any channel");
    }

    private static void reject(Exchange exchange, String payload, String rule, String reason) {
        exchange.setProperty(IntakeHeaders.PAYLOAD, payload);
        exchange.getMessage().setBody(payload);
        throw new RecordRejectedException(null, new FieldError("$", rule, reason));
    }

    private String messageIdIn(String payload) {
        try {
            var id = json.readTree(payload == null ? "" : payload).path("messageId");
            return id.isString() && !id.asString().isBlank() ? id.asString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
