package kz.reentry.hub.exchange;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Which headers cross the boundary of the HTTP intake, set on Camel's servlet component so that it
 * holds for every intake route and every answer (accepted, rejected, not filed).
 * <ul>
 * <li>Out: none of the message's headers. Camel would otherwise copy every header of the message into
 * the answer: the request's own (its {@code Authorization} among them) and the hub's internal ones
 * ({@code hubSender}, {@code hubReplayTo}, ...). The status and the content type of the answer are set
 * from the reply itself ({@link IntakeHttpReplies}), not from headers.</li>
 * <li>In: what the sender names (X-End-User, X-Purpose, content headers), but not its credentials,
 * which the security filter chain has already checked, nor anything in the hub's own namespace
 * ({@code hub*}), which only the routes set; the same for query parameters.</li>
 * </ul>
 */
final class IntakeHttpHeaders extends HttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.equals("authorization") || name.equals("cookie") || name.startsWith("hub")
                || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
