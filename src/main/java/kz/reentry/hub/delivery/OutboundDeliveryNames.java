package kz.reentry.hub.delivery;

/**
 * The names camel-routes/outbound-delivery.camel.yaml and {@link OutboundDelivery} share: the route's
 * endpoint and the exchange properties it reads (RouteContractsTests holds the two sides together),
 * and the headers a delivery carries to its receiver.
 */
public final class OutboundDeliveryNames {

    public static final String ROUTE = "direct:outbound-delivery";
    public static final String ENDPOINT_PROPERTY = "hubReceiverEndpoint";
    /** The receiver's own timeouts in milliseconds, for the route's HTTP call. */
    public static final String CONNECT_TIMEOUT_PROPERTY = "hubConnectTimeout";
    public static final String RESPONSE_TIMEOUT_PROPERTY = "hubResponseTimeout";

    /*
     * The headers every delivery carries besides X-End-User and X-Purpose (RequestContext): the receivers'
     * side of the contract (README, "Exchanges with other systems"; docs/exchanges/e3.md). Receivers
     * deduplicate on the message id.
     */
    public static final String MESSAGE_ID_HEADER = "X-Message-Id";
    public static final String SENDER_ID_HEADER = "X-Sender-Id";
    public static final String EXCHANGE_HEADER = "X-Exchange";
    /** For a receiver on the e-government bus (SOAP). */
    public static final String SOAP_ACTION_HEADER = "SOAPAction";

    private OutboundDeliveryNames() {
    }
}
