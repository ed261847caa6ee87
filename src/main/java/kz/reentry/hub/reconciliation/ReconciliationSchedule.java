package kz.reentry.hub.reconciliation;

import java.time.LocalDate;

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

/** Opens the E8 report duties of the current periods every day (and at start-up, for the days the hub was stopped). */
@Configuration(proxyBeanMethods = false)
class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final ReconciliationReports reports;

    ReconciliationSchedule(ReconciliationReports reports) {
        this.reports = reports;
    }

    @Bean
    IntegrationFlow reconciliationReportsDaily(@Value("${hub.reconciliation.schedule:0 20 0 * * *}") String cron) {
        return IntegrationFlow.fromSupplier(() -> reports.openDuties(LocalDate.now()), source -> source.poller(Pollers.cron(cron)))
                .handle(message -> log.debug("E8 report duties of the current periods: {}", message.getPayload()))
                .get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        AfterStart.catchUp("E8 report duties", () -> reports.openDuties(LocalDate.now()));
    }
}
