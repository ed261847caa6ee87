package kz.reentry.hub.release;

import java.time.LocalDate;

import kz.reentry.hub.AfterStart;
import kz.reentry.hub.delivery.DeliveryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

/**
 * The daily run that finds the E1 notices whose day has come (Spring Integration, on a cron
 * trigger), and one run at start-up, for the days the hub was not running at that hour.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("hub.delivery.dispatcher")
class ReleaseNoticeSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReleaseNoticeSchedule.class);

    private final ReleaseNotices notices;

    ReleaseNoticeSchedule(ReleaseNotices notices) {
        this.notices = notices;
    }

    @Bean
    IntegrationFlow releaseNoticesDaily(DeliveryProperties delivery) {
        return IntegrationFlow.fromSupplier(() -> notices.enqueueAllDue(LocalDate.now()),
                        source -> source.poller(Pollers.cron(delivery.releaseNoticeSchedule())))
                .handle(message -> log.info("E1 release notices due today, in the outbox (queued by this run or another instance's): {}", message.getPayload()))
                .get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        AfterStart.catchUp("E1 release notices", () -> {
            int added = notices.enqueueAllDue(LocalDate.now());
            if (added > 0) {
                log.info("E1 release notices that fell due while the hub was stopped, put in the outbox: {}", added);
            }
        });
    }
}
