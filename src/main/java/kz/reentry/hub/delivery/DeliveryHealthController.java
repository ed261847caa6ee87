package kz.reentry.hub.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The outbox's depth over time, counted from the outbound messages in the graph (created, delivered,
 * dead), and each receiver's circuit breaker as it is now: for the operators of the exchanges, like
 * outboundMessages.
 */
@Controller
class DeliveryHealthController {

    record OutboxDepthPoint(OffsetDateTime at, long depth) {
    }

    private final Outbox outbox;
    private final OutboundDelivery delivery;
    private final CallerScopes scopes;

    DeliveryHealthController(Outbox outbox, OutboundDelivery delivery, CallerScopes scopes) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.scopes = scopes;
    }

    @QueryMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    List<OutboxDepthPoint> outboxDepth(@Argument OffsetDateTime from, @Argument OffsetDateTime to, @Argument Integer points) {
        int count = points == null ? 25 : points;
        if (count < 2 || count > 200) {
            throw new InvalidArgumentException("points", "points.range", "from 2 to 200 points, not " + count);
        }
        if (!to.isAfter(from)) {
            throw new InvalidArgumentException("to", "range.empty", "to must be after from");
        }
        long span = Duration.between(from, to).toMillis();
        List<OffsetDateTime> at = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at.add(i == count - 1 ? to : from.plus(Duration.ofMillis(span * i / (count - 1))));
        }
        List<ZonedDateTime> utc = at.stream().map(t -> t.atZoneSameInstant(ZoneOffset.UTC)).toList();
        long[] depth = outbox.depth(utc, scopes.currentPersonScope(), scopes.currentHealthScope());
        List<OutboxDepthPoint> answer = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answer.add(new OutboxDepthPoint(at.get(i), depth[i]));
        }
        return answer;
    }

    @QueryMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    List<OutboundDelivery.Circuit> receiverCircuits() {
        return delivery.circuits(scopes.currentHealthScope());
    }
}
