package kz.reentry.hub.delivery;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.stereotype.Component;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What goes on the wire for each format. Both carry the message id, the sender, the message date
 * (when the message was committed, so a retry is byte for byte the same message), the end user and
 * purpose of the request that caused it, and the content. SOAP follows the e-government bus's
 * synchronous channel (SendMessage / requestInfo / requestData).
 */
@Component
class Envelopes {

    static final String BUS_NAMESPACE = "http://bip.bee.kz/SyncChannel/v10/Types";
    private static final String SOAP_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";

    private final JsonMapper json;
    private final String senderId;

    Envelopes(JsonMapper json, DeliveryProperties properties) {
        this.json = json;
        this.senderId = properties.senderId();
    }

    String senderId() {
        return senderId;
    }

    String json(OutboundMessage message) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("messageId", message.id());
        envelope.put("exchange", message.exchange());
        envelope.put("senderId", senderId);
        envelope.put("recipient", message.recipient());
        envelope.put("messageDate", message.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        envelope.put("endUser", message.endUser());
        envelope.put("purpose", message.purpose());
        envelope.set("content", json.readTree(message.payload()));
        return json.writeValueAsString(envelope);
    }

    String soap(OutboundMessage message) {
        try {
            StringWriter text = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("soap", "Envelope", SOAP_NAMESPACE);
            xml.writeNamespace("soap", SOAP_NAMESPACE);
            xml.writeStartElement("soap", "Body", SOAP_NAMESPACE);
            xml.writeStartElement("bus", "SendMessage", BUS_NAMESPACE);
            xml.writeNamespace("bus", BUS_NAMESPACE);
            xml.writeStartElement("request");
            xml.writeStartElement("requestInfo");
            element(xml, "messageId", message.id());
            element(xml, "serviceId", message.exchange());
            element(xml, "messageDate", message.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            xml.writeStartElement("sender");
            element(xml, "senderId", senderId);
            xml.writeEndElement();
            element(xml, "recipient", message.recipient());
            element(xml, "endUser", message.endUser());
            element(xml, "purpose", message.purpose());
            xml.writeEndElement();
            xml.writeStartElement("requestData");
            xml.writeStartElement("data");
            xml.writeAttribute("contentType", "application/json");
            xml.writeCharacters(message.payload());
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return text.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the SOAP envelope of message " + message.id(), e);
        }
    }

    /**
     * A SOAP answer with HTTP 200 may still be a Fault. Parsed with DTDs refused, so a hostile
     * receiver cannot make the hub read files or expand entity bombs.
     */
    static void requireNoFault(String response) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(response)));
            var faults = document.getElementsByTagNameNS(SOAP_NAMESPACE, "Fault");
            if (faults.getLength() > 0) {
                throw new IllegalStateException("SOAP Fault: " + faults.item(0).getTextContent().strip());
            }
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("The receiver's answer is not a SOAP envelope: " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
    }
}
