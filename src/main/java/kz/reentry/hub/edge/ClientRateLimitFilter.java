package kz.reentry.hub.edge;

import java.io.IOException;
import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import kz.reentry.hub.disclosure.DisclosureJournal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each client may send so many requests a second (Resilience4j rate limiters, one per client); beyond
 * that it gets 429 with Retry-After, and the other clients are not slowed by it.
 */
class ClientRateLimitFilter extends OncePerRequestFilter {

    private final EdgeProperties limits;
    private final DisclosureJournal journal;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();

    ClientRateLimitFilter(EdgeProperties limits, DisclosureJournal journal) {
        this.limits = limits;
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!limiterFor(authentication.getName()).acquirePermission()) {
            response.setHeader("Retry-After", "1");
            EdgeReplies.refuse(request, response, journal, 429, "Too many requests from client " + authentication.getName() + "; slow down");
            return;
        }
        chain.doFilter(request, response);
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
