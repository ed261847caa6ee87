package kz.reentry.hub.disclosure;

import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * How far this instance's disclosure log in the graph is behind its journal: normally a fraction of a
 * second (the writer moves entries every 200 ms); growing, the graph refuses the writes, and an
 * auditor reading the log does not see this instance's latest disclosures yet (none is lost: the
 * journal holds them). Each instance reports its own journal.
 */
@Component
class DisclosureLogMetrics implements MeterBinder {

    private final DisclosureLogWriter writer;

    DisclosureLogMetrics(DisclosureLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hub.disclosure.log.lag", writer, w -> w.lag(Instant.now()).toMillis() / 1000.0)
                .description("Seconds the oldest journaled disclosure entry of this instance has waited to reach the graph")
                .baseUnit("seconds").register(registry);
        Gauge.builder("hub.disclosure.log.unmoved", writer, DisclosureLogWriter::unmoved)
                .description("Disclosure entries of this instance journaled but not yet in the graph")
                .register(registry);
    }
}
