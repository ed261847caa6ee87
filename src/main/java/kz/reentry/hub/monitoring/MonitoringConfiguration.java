package kz.reentry.hub.monitoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gauges read the graph on Spring's scheduler (ExchangeGauges.refresh), the only @Scheduled work of the hub. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonitoringConfiguration {
}
