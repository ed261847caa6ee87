package kz.reentry.hub.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.xml.parsers.DocumentBuilderFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP servers on localhost standing in for the akimats', the police's and the penal system's
 * (receipts of E5 batch files) systems: JSON receivers and one on the e-government bus's SOAP envelope. Like real receivers they deduplicate
 * on the message id: a message delivered twice is applied once. A receiver can be taken down
 * (it answers 503) and brought back.
 */
public final class StandInReceivers {

    public static final StandInReceivers INSTANCE = start();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    private StandInReceivers(HttpServer server) {
        this.server = server;
    }

    private static StandInReceivers start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            var standIns = new StandInReceivers(server);
            for (String name : List.of("akimat", "police", "bus", "kuis", "czn", "czn-bus")) {
                var receiver = new Receiver(name, name.endsWith("bus"));
                standIns.receivers.put(name, receiver);
                server.createContext("/" + name, receiver::handle);
            }
            server.start();
            return standIns;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String endpoint(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    public Receiver receiver(String name) {
        return receivers.get(name);
    }

    /** One received message as the receiver applied it, with the X-End-User, X-Purpose and traceparent headers it came with. */
    public record Received(String messageId, String exchange, String endUser, String purpose, String senderId,
                           JsonNode content, String body, String endUserHeader, String purposeHeader,
                           String traceparentHeader) {

        Received withHeaders(HttpExchange exchange) {
            return new Received(messageId, this.exchange, endUser, purpose, senderId, content, body,
                    exchange.getRequestHeaders().getFirst("X-End-User"), exchange.getRequestHeaders().getFirst("X-Purpose"),
                    exchange.getRequestHeaders().getFirst("traceparent"));
        }
    }

    public static final class Receiver {

        private final String name;
        private final boolean soap;
        private volatile boolean down;
        private volatile boolean answerLateOnce;
        private final Set<String> appliedIds = ConcurrentHashMap.newKeySet();
        private final List<Received> applied = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        private final List<String> refusedWhileDown = new CopyOnWriteArrayList<>();

        Receiver(String name, boolean soap) {
            this.name = name;
            this.soap = soap;
        }

        public void down() {
            down = true;
        }

        public void up() {
            down = false;
        }

        /** The next message is applied but answered only after 3 s, later than the hub waits: its answer is lost. */
        public void answerLateOnce() {
            answerLateOnce = true;
        }

        /** Messages applied, once each. */
        public List<Received> applied() {
            return new ArrayList<>(applied);
        }

        /** How many times a message id was delivered and acknowledged (a retry after a lost answer counts again). */
        public int deliveries(String messageId) {
            return deliveries.getOrDefault(messageId, 0);
        }

        /** Message ids that arrived while the receiver was down. */
        public List<String> refusedWhileDown() {
            return new ArrayList<>(refusedWhileDown);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String messageId = exchange.getRequestHeaders().getFirst("X-Message-Id");
                if (down) {
                    refusedWhileDown.add(messageId);
                    reply(exchange, 503, "text/plain", name + " is down");
                    return;
                }
                Received received = (soap ? fromSoap(body) : fromJson(body)).withHeaders(exchange);
                deliveries.merge(received.messageId(), 1, Integer::sum);
                if (appliedIds.add(received.messageId())) {
                    applied.add(received);
                }
                if (answerLateOnce) {
                    answerLateOnce = false;
                    Thread.sleep(3000);
                }
                if (soap) {
                    reply(exchange, 200, "text/xml; charset=UTF-8", """
                            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                            <bus:SendMessageResponse xmlns:bus="http://bip.bee.kz/SyncChannel/v10/Types"><response>
                            <responseInfo><messageId>%s</messageId><status><code>OK</code></status></responseInfo>
                            </response></bus:SendMessageResponse></soap:Body></soap:Envelope>""".formatted(received.messageId()));
                } else {
                    reply(exchange, 200, "application/json", "{\"received\":\"" + received.messageId() + "\"}");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                reply(exchange, 400, "text/plain", e.toString());
            }
        }

        private static Received fromJson(String body) {
            JsonNode envelope = JSON.readTree(body);
            return new Received(envelope.get("messageId").asString(), envelope.get("exchange").asString(),
                    text(envelope, "endUser"), text(envelope, "purpose"), envelope.get("senderId").asString(),
                    envelope.get("content"), body, null, null, null);
        }

        private static Received fromSoap(String body) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
                var info = (org.w3c.dom.Element) document.getElementsByTagName("requestInfo").item(0);
                String data = document.getElementsByTagName("data").item(0).getTextContent();
                return new Received(child(info, "messageId"), child(info, "serviceId"), child(info, "endUser"),
                        child(info, "purpose"), child((org.w3c.dom.Element) info.getElementsByTagName("sender").item(0), "senderId"),
                        JSON.readTree(data), body, null, null, null);
            } catch (Exception e) {
                throw new IllegalArgumentException("not a bus envelope: " + e.getMessage(), e);
            }
        }

        private static String child(org.w3c.dom.Element parent, String name) {
            var nodes = parent.getElementsByTagName(name);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        private static String text(JsonNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asString() : null;
        }

        private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
