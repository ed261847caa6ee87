package kz.reentry.hub.audit;

import java.time.Duration;

import kz.reentry.hub.AfterStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/**
 * The daily head of the disclosure log (a Spring Integration cron poller), and one at start-up when the
 * last is more than a day old, for the days the hub was not running at that hour.
 */
@Configuration(proxyBeanMethods = false)
class DisclosureLogAnchorSchedule {

    private static final Logger log = LoggerFactory.getLogger(DisclosureLogAnchorSchedule.class);
    static final String END_USER = "system:disclosure-anchor";
    static final String PURPOSE = "daily disclosure log head";

    private final DisclosureLogAnchor anchor;

    DisclosureLogAnchorSchedule(DisclosureLogAnchor anchor) {
        this.anchor = anchor;
    }

    @Bean
    IntegrationFlow disclosureLogHeadDaily(@Value("${hub.disclosure.anchor.schedule}") String cron) {
        return IntegrationFlow.fromSupplier(() -> anchor.publish(END_USER, PURPOSE, "hub").seq(),
                        source -> source.poller(Pollers.cron(cron)))
                .handle(message -> log.info("Disclosure log head published at entry {}", message.getPayload()))
                .get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        // if it fails, the daily run tries again; the log itself is whole
        AfterStart.catchUp("the disclosure log's head", () -> {
            if (anchor.overdue(Duration.ofDays(1))) {
                log.info("Disclosure log head published at start-up at entry {}",
                        anchor.publish(END_USER, PURPOSE, "hub").seq());
            }
        });
    }
}
