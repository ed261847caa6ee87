package kz.reentry.hub.obligation;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's clock for deadlines counted in hours of real time (E7). One bean, so that what the hub
 * records as received, when the duty falls due and whether it is overdue now all read the same clock
 * (a test replaces it to stand at a Friday 22:30). Its zone is where such deadlines are shown and on
 * which day they fall: Kazakhstan keeps one time zone (UTC+5) since 1 March 2024.
 */
@Configuration(proxyBeanMethods = false)
class HubClock {

    @Bean
    Clock clock(@Value("${hub.time-zone:Asia/Almaty}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
