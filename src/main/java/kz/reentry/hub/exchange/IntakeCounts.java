package kz.reentry.hub.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Intake records by exchange, channel and outcome (hub.intake.records: accepted or rejected), counted
 * where the hub keeps the message log and the dead letters, so every channel and replay counts alike.
 */
@Component
public class IntakeCounts {

    private final MeterRegistry registry;

    IntakeCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String exchange, String channel) {
        count(exchange, channel, "accepted");
    }

    void rejected(String exchange, String channel) {
        count(exchange, channel, "rejected");
    }

    private void count(String exchange, String channel, String outcome) {
        Counter.builder("hub.intake.records").description("Intake records filed or rejected, by exchange and channel")
                .tag("exchange", exchange == null ? "unknown" : exchange).tag("channel", channel == null ? "unknown" : channel)
                .tag("outcome", outcome).register(registry).increment();
    }
}
