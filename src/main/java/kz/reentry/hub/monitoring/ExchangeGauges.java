package kz.reentry.hub.monitoring;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the people who keep the exchange running watch, read from the graph on a timer (not on every
 * scrape, so a scraper cannot load the database): the outbox by recipient and status with the age of
 * its oldest message, the dead letters waiting for an operator by exchange, and the overdue duties by
 * kind. Counts only: no person, no payload.
 */
@Component
class ExchangeGauges {

    private static final String OUTBOX = """
            MATCH (m:OutboundMessage) WHERE m.status IN ['PENDING', 'DEAD']
            RETURN m.recipient AS recipient, m.status AS status, count(m) AS messages, min(m.createdAt) AS oldest
            """;
    private static final String DEAD_LETTERS = """
            MATCH (d:DeadLetter) WHERE d.status = 'PENDING'
            RETURN coalesce(d.exchange, 'unknown') AS exchange, count(d) AS letters
            """;
    private static final String OVERDUE = """
            MATCH (o:Obligation {status: 'OPEN'}) WHERE o.dueOn < $today
            RETURN o.kind AS kind, count(o) AS overdue
            """;

    private final Driver driver;
    private final MultiGauge outboxMessages;
    private final MultiGauge outboxOldest;
    private final MultiGauge deadLetters;
    private final MultiGauge overdueObligations;

    ExchangeGauges(Driver driver, MeterRegistry registry) {
        this.driver = driver;
        this.outboxMessages = MultiGauge.builder("hub.outbox.messages")
                .description("Outbound messages waiting (PENDING) or given up (DEAD), by recipient").register(registry);
        this.outboxOldest = MultiGauge.builder("hub.outbox.oldest.age").baseUnit("seconds")
                .description("Age of the oldest outbound message in the status, by recipient").register(registry);
        this.deadLetters = MultiGauge.builder("hub.intake.dead.letters")
                .description("Rejected messages waiting for an operator, by exchange").register(registry);
        this.overdueObligations = MultiGauge.builder("hub.obligations.overdue")
                .description("Open legal duties past their due date, by kind").register(registry);
    }

    @Scheduled(initialDelayString = "${hub.monitoring.refresh:15s}", fixedDelayString = "${hub.monitoring.refresh:15s}")
    void refresh() {
        ZonedDateTime now = ZonedDateTime.now();
        var outbox = read(OUTBOX, null);
        outboxMessages.register(outbox.stream().map(r -> MultiGauge.Row.of(
                Tags.of("recipient", r.get("recipient").asString(), "status", r.get("status").asString()),
                r.get("messages").asLong())).toList(), true);
        outboxOldest.register(outbox.stream().map(r -> MultiGauge.Row.of(
                Tags.of("recipient", r.get("recipient").asString(), "status", r.get("status").asString()),
                Duration.between(r.get("oldest").asZonedDateTime(), now).toSeconds())).toList(), true);
        deadLetters.register(read(DEAD_LETTERS, null).stream().map(r -> MultiGauge.Row.of(
                Tags.of("exchange", r.get("exchange").asString()), r.get("letters").asLong())).toList(), true);
        overdueObligations.register(read(OVERDUE, LocalDate.now()).stream().map(r -> MultiGauge.Row.of(
                Tags.of("kind", r.get("kind").asString()), r.get("overdue").asLong())).toList(), true);
    }

    private List<org.neo4j.driver.Record> read(String query, LocalDate today) {
        return driver.executableQuery(query).withParameters(Cypher.params("today", today)).withConfig(Cypher.READ)
                .execute().records();
    }
}
