package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.Message;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.MessageCreator;
import tools.jackson.databind.JsonNode;

/**
 * Every message on the broker queue ends filed or in the hub's own dead-letter store, answered by a
 * receipt to the penal system, and gone from the queue: never redelivered until the broker drops it
 * or moves it to its internal dead-letter queue, where no operator looks.
 */
class BrokerPoisonMessagesIT extends HubIntegrationTest {

    private static final String QUEUE = "e5.release-records";

    @Autowired
    JmsTemplate jms;

    /** Trips when anything deserializes it: the hub must never deserialize what a sender chose. */
    static final class Tripwire implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

        @Serial
        private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.set(true);
        }
    }

    @Test
    @DisplayName("a Java-serialized ObjectMessage is never deserialized: it is a hub dead letter (message.type) with a receipt, and gone from the queue")
    void objectMessage() {
        String brokerId = send(session -> session.createObjectMessage(new Tripwire()));

        JsonNode receipt = receipt(brokerId);
        assertThat(receipt.path("status").asString()).isEqualTo("REJECTED");
        var deadLetter = deadLetter(receipt.path("deadLetterId").asString());
        assertThat(deadLetter.get("channel")).isEqualTo("broker");
        assertThat((String) deadLetter.get("errors")).contains("message.type");
        assertThat((String) deadLetter.get("payload")).isEqualTo("<ObjectMessage, not read>");
        assertThat(Tripwire.DESERIALIZED).isFalse();
        assertQueueEmpty();
    }

    @Test
    @DisplayName("a map message is a hub dead letter (message.type) with a receipt; a record in a bytes message (UTF-8 JSON) is filed")
    void otherMessageTypes() {
        String mapId = send(session -> {
            var map = session.createMapMessage();
            map.setString("messageId", "map-" + UUID.randomUUID());
            return map;
        });
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 7, 1));
        String bytesId = send(session -> {
            var bytes = session.createBytesMessage();
            bytes.writeBytes(record.json().getBytes(StandardCharsets.UTF_8));
            return bytes;
        });

        JsonNode rejected = receipt(mapId);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat((String) deadLetter(rejected.path("deadLetterId").asString()).get("errors")).contains("message.type");
        JsonNode accepted = receipt(bytesId);
        assertThat(accepted.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("messageId").asString()).isEqualTo(record.get("messageId"));
        assertThat(count("MATCH (m:InboundMessage {messageId: $id, channel: 'broker'}) RETURN count(m)",
                Map.of("id", record.get("messageId")))).isEqualTo(1);
    }

    @Test
    @DisplayName("a message larger than the one size limit of every channel (hub.edge.max-request-size) is a hub dead letter (message.size) without its body, with a receipt")
    void tooLarge() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 7, 2));
        String padded = record.json().replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(1024 * 1024) + "\",");
        String brokerId = send(session -> session.createTextMessage(padded));

        JsonNode receipt = receipt(brokerId);
        assertThat(receipt.path("status").asString()).isEqualTo("REJECTED");
        var deadLetter = deadLetter(receipt.path("deadLetterId").asString());
        assertThat((String) deadLetter.get("errors")).contains("message.size");
        assertThat((String) deadLetter.get("payload")).hasSizeLessThan(300).contains("not kept");
        assertThat(count("MATCH (m:InboundMessage {messageId: $id}) RETURN count(m)", Map.of("id", record.get("messageId"))))
                .isZero();
        assertQueueEmpty();
    }

    @Test
    @DisplayName("a record whose filing fails on every delivery is dead-lettered in the hub (record.unfileable) with its whole payload after the last delivery, answered, and acknowledged")
    void unfileable() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 7, 3));
        // the graph holds this person in a shape the hub cannot read (an id that is a number, as a manual
        // edit might leave it): filing the record fails every time, as a defect would
        driver.executableQuery("CREATE (:Person {iin: $iin, id: $id})")
                .withParameters(Map.of("iin", record.iin(), "id", System.nanoTime())).execute();
        try {
            String brokerId = send(session -> session.createTextMessage(record.json()));

            JsonNode receipt = receipt(brokerId);
            assertThat(receipt.path("status").asString()).isEqualTo("REJECTED");
            assertThat(receipt.path("messageId").asString()).isEqualTo(record.get("messageId"));
            var deadLetter = deadLetter(receipt.path("deadLetterId").asString());
            assertThat((String) deadLetter.get("errors")).contains("record.unfileable").contains("5 deliveries");
            assertThat(deadLetter.get("payload")).isEqualTo(record.json());
            assertThat(deadLetter.get("messageId")).isEqualTo(record.get("messageId"));
            assertThat(deadLetter.get("replayTo")).isEqualTo("direct:release-record");
            assertQueueEmpty();
        } finally {
            driver.executableQuery("MATCH (p:Person {iin: $iin}) DETACH DELETE p").withParameters(Map.of("iin", record.iin())).execute();
        }
    }

    private String send(MessageCreator creator) {
        var sent = new AtomicReference<Message>();
        jms.send(QUEUE, session -> {
            Message message = creator.createMessage(session);
            sent.set(message);
            return message;
        });
        try {
            return sent.get().getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of the receipt the penal system got for this broker message. */
    private static JsonNode receipt(String brokerMessageId) {
        var kuis = StandInReceivers.INSTANCE.receiver("kuis");
        return await().atMost(Duration.ofSeconds(60)).until(() -> kuis.applied().stream()
                .filter(r -> brokerMessageId.equals(r.content().path("brokerMessageId").asString(null)))
                .map(r -> r.content().get("outcome")).findFirst().orElse(null), found -> found != null);
    }

    private Map<String, Object> deadLetter(String id) {
        return driver.executableQuery("MATCH (d:DeadLetter {id: $id}) RETURN d").withParameters(Map.of("id", id)).execute()
                .records().getFirst().get("d").asMap();
    }

    private void assertQueueEmpty() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(QUEUE,
                (session, browser) -> !browser.getEnumeration().hasMoreElements()));
    }
}
