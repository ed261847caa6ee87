package kz.reentry.hub.audit;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.disclosure.DisclosureLogHead;
import kz.reentry.hub.disclosure.DisclosureLogHeads;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anchors the disclosure log outside the hub: its head, signed, goes through the outbox to a receiver
 * the hub does not control (the prosecutor's office by default). Whoever deletes or cuts the log in the
 * graph cannot take back what the receiver holds, and the verifier checks the log against it.
 */
@Component
public class DisclosureLogAnchor {

    static final String EXCHANGE = "DISCLOSURE_HEAD";

    private final Driver driver;
    private final DisclosureLogHeads heads;
    private final Outbox outbox;
    private final JsonMapper json;
    private final String recipient;

    DisclosureLogAnchor(Driver driver, DisclosureLogHeads heads, Outbox outbox, JsonMapper json,
                        @Value("${hub.disclosure.anchor.recipient}") String recipient) {
        this.driver = driver;
        this.heads = heads;
        this.outbox = outbox;
        this.json = json;
        this.recipient = recipient;
    }

    /** Signs the head now and puts it in the outbox, in one transaction. */
    public DisclosureLogHead publish(String endUser, String purpose, String causedBy) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                DisclosureLogHead head = heads.sign(tx);
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("notice", "Disclosure log head: the log held entries up to seq, the last with this hash");
                content.put("seq", head.seq());
                content.put("hash", head.hash());
                content.put("at", head.at().toOffsetDateTime().toString());
                content.put("signed", head.signed());
                content.put("publicKey", json.readTree(head.publicKey()));
                outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, recipient, null, null,
                        json.writeValueAsString(content), endUser, purpose, causedBy));
                return head;
            });
        }
    }

    /** Whether no head was published within the period (none ever, or the hub was stopped at the daily hour). */
    boolean overdue(Duration period) {
        return heads.latest().map(at -> at.isBefore(ZonedDateTime.now().minus(period))).orElse(true);
    }
}
