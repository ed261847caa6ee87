package kz.reentry.hub.benchmark;

import java.util.List;
import java.util.Map;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The penal system publishing E5 records to the hub's broker queue, one JSON record per message. */
final class BrokerPublisher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BrokerPublisher() {
    }

    /** Sends every record as a persistent text message in one session; returns when the broker has them all. */
    static void publish(String brokerUrl, String queue, List<Map<String, Object>> records) throws Exception {
        try (var factory = new ActiveMQConnectionFactory(brokerUrl);
             var connection = factory.createConnection();
             var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             var producer = session.createProducer(session.createQueue(queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (var record : records) {
                producer.send(session.createTextMessage(JSON.writeValueAsString(record)));
            }
        }
    }
}
