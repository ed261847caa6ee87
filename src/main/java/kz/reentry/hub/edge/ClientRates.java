package kz.reentry.hub.edge;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.stereotype.Component;

/**
 * The rate each client may use the hub at (Resilience4j rate limiters, one per client), shared by every
 * transport: an HTTP request and an operation over graphql-ws draw on the same allowance, so that a
 * client cannot add one transport's rate to the other's.
 */
@Component
class ClientRates {

    private final EdgeProperties limits;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();

    ClientRates(EdgeProperties limits) {
        this.limits = limits;
    }

    /** True when the client may go on now; false when it is over its rate for this second. */
    boolean tryAcquire(String client) {
        return limiterFor(client).acquirePermission();
    }

    private RateLimiter limiterFor(String client) {
        int perSecond = limits.requestsPerSecondByClient().getOrDefault(client, limits.requestsPerSecond());
        return limiters.rateLimiter(client, RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }
}
