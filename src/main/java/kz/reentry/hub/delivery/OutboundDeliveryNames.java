package kz.reentry.hub.delivery;

/**
 * The names camel-routes/outbound-delivery.camel.yaml and {@link OutboundDelivery} share: the route's
 * endpoint and the exchange properties it reads (RouteContractsTests holds the two sides together).
 */
public final class OutboundDeliveryNames {

    public static final String ROUTE = "direct:outbound-delivery";
    public static final String ENDPOINT_PROPERTY = "hubReceiverEndpoint";
    /** The receiver's own timeouts in milliseconds, for the route's HTTP call. */
    public static final String CONNECT_TIMEOUT_PROPERTY = "hubConnectTimeout";
    public static final String RESPONSE_TIMEOUT_PROPERTY = "hubResponseTimeout";

    private OutboundDeliveryNames() {
    }
}
