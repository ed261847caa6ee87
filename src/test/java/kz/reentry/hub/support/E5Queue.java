package kz.reentry.hub.support;

import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The penal system's side of the E5 broker channel: publishing release records, and what is still queued. */
public final class E5Queue {

    public static final String QUEUE = "e5.release-records";

    private E5Queue() {
    }

    /** Persistent messages in one transaction: when the commit returns, the broker has them all. */
    public static void publish(String url, List<String> messages) throws Exception {
        try (var factory = new ActiveMQConnectionFactory(url);
             var connection = factory.createConnection();
             var session = connection.createSession(true, Session.SESSION_TRANSACTED);
             var producer = session.createProducer(session.createQueue(QUEUE))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String message : messages) {
                producer.send(session.createTextMessage(message));
            }
            session.commit();
        }
    }

    /** Messages on the queue not yet acknowledged by the hub. */
    public static int depth(String url) throws Exception {
        try (var factory = new ActiveMQConnectionFactory(url);
             var connection = factory.createConnection();
             var session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             var browser = session.createBrowser(session.createQueue(QUEUE))) {
            connection.start();
            int depth = 0;
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                depth++;
            }
            return depth;
        }
    }
}
