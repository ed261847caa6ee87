package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Messages on the broker that the hub cannot read end in the hub's own dead-letter store, where an
 * operator sees them, never silently in the broker's internal dead-letter queue.
 */
class BrokerPoisonMessagesIT extends HubIntegrationTest {

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("a Java-serialized ObjectMessage is never deserialized: it is dead-lettered as message.type, answered by a receipt, and gone from the queue")
    void objectMessageDeadLettered() {
        String correlation = "object-" + UUID.randomUUID();
        long before = count("MATCH (d:DeadLetter {channel: 'broker', payload: '<ObjectMessage, not read>'}) RETURN count(d)", Map.of());
        jms.send("e5.release-records", session -> {
            var message = session.createObjectMessage(new ArrayList<>(List.of("not", "a", "record")));
            message.setStringProperty("purpose", correlation);
            return message;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                MATCH (d:DeadLetter {channel: 'broker', payload: '<ObjectMessage, not read>'})
                WHERE d.errors CONTAINS 'message.type' RETURN count(d)""", Map.of()) > before);
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse("e5.release-records",
                (session, browser) -> !browser.getEnumeration().hasMoreElements()));
    }
}
