package kz.reentry.hub.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The hub's clock (the {@code Clock} bean) as a test controls it: the real time until a test stands it
 * at a moment ({@link #standAt}), and again after {@link #reset} (call it in {@code @AfterEach}: the
 * application context is shared). Only what reads the hub's clock moves with it (E7's hours).
 */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant fixed;

    MutableClock(ZoneId zone) {
        this.zone = zone;
    }

    public void standAt(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.fixed(instant(), other);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Wiring {

        @Bean
        @Primary
        MutableClock mutableHubClock() {
            return new MutableClock(ZoneId.of("Asia/Almaty"));
        }
    }
}
