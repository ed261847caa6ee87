package kz.reentry.hub.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each client may send so many requests a second ({@link ClientRates}, shared with graphql-ws); beyond
 * that it gets 429 with Retry-After, and the other clients are not slowed by it.
 */
class ClientRateLimitFilter extends OncePerRequestFilter {

    private final ClientRates rates;
    private final DisclosureJournal journal;

    ClientRateLimitFilter(ClientRates rates, DisclosureJournal journal) {
        this.rates = rates;
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
        if (!rates.tryAcquire(authentication.getName())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            EdgeReplies.refuse(request, response, journal, 429, "Too many requests from client " + authentication.getName() + "; slow down");
            return;
        }
        chain.doFilter(request, response);
    }
}
