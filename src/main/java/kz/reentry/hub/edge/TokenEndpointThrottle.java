package kz.reentry.hub.edge;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.RequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing client secrets at the token endpoints (a POST under {@code /oauth2/}): the failed attempts
 * (401) are counted per client id and per remote address within a window. Once either has used up its
 * allowance, requests for that client id, or from that address, are answered 429 with Retry-After
 * until the window has passed, before any secret is checked; each such refusal is recorded (with the
 * X-End-User and X-Purpose the request names, as every refusal at the edge is). It runs
 * before the authorization server's filter chain, which authenticates the client.
 *
 * <p>The same counting guards the console's sign-in form ({@code POST /login}, {@link #CONSOLE_SIGN_IN}):
 * passwords guessed per login and per address; a failure there is the form's redirect to
 * {@code /login?error}, and a blocked attempt is sent back to the form ({@code /login?throttled}) before
 * the password is checked.
 */
class TokenEndpointThrottle extends OncePerRequestFilter {

    /** Whose attempt a request is, whether it failed, and how a blocked one is answered. */
    interface Attempts {

        /** What the subject is, for the refusal's entry in the log ("client", "login"). */
        String kind();

        String subject(HttpServletRequest request);

        boolean failed(HttpServletResponse response);

        void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException;
    }

    /** Client secrets at the token endpoints: a 401 is a failure, a blocked request gets 429. */
    static final Attempts TOKEN_ENDPOINT = new Attempts() {
        @Override
        public String kind() {
            return "client";
        }

        @Override
        public String subject(HttpServletRequest request) {
            return clientId(request);
        }

        @Override
        public boolean failed(HttpServletResponse response) {
            return response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
        }

        @Override
        public void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
            EdgeReplies.refuse(response, 429, "Too many failed attempts; try again after the Retry-After seconds");
        }
    };

    /** Passwords at the console's sign-in form: the form's redirect to ?error is a failure. */
    static final Attempts CONSOLE_SIGN_IN = new Attempts() {
        @Override
        public String kind() {
            return "login";
        }

        @Override
        public String subject(HttpServletRequest request) {
            String login = request.getParameter("username");
            return login == null ? "" : login.strip();
        }

        @Override
        public boolean failed(HttpServletResponse response) {
            String location = response.getHeader(HttpHeaders.LOCATION);
            return response.getStatus() / 100 == 3 && location != null && location.contains("/login?error");
        }

        @Override
        public void refuse(HttpServletResponse response, long retryAfterSeconds) {
            // a person at a browser: back to the form, which says to wait (the status is a redirect's)
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader(HttpHeaders.LOCATION, "/login?throttled");
        }
    };

    private final FailureWindows byClient;
    private final FailureWindows byAddress;
    private final DisclosureJournal journal;
    private final Attempts attempts;

    TokenEndpointThrottle(EdgeProperties.TokenFailures limits, DisclosureJournal journal) {
        this(limits, journal, TOKEN_ENDPOINT);
    }

    TokenEndpointThrottle(EdgeProperties.TokenFailures limits, DisclosureJournal journal, Attempts attempts) {
        this.byClient = new FailureWindows(limits.perClient(), limits.window());
        this.byAddress = new FailureWindows(limits.perAddress(), limits.window());
        this.journal = journal;
        this.attempts = attempts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String client = attempts.subject(request);
        String address = request.getRemoteAddr();
        long waitMillis = Math.max(byClient.blockedForMillis(client), byAddress.blockedForMillis(address));
        if (waitMillis > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
            // no client is authenticated yet; the person and purpose are recorded if the request names them
            journal.refused(null, null, request.getHeader(RequestContext.END_USER_HEADER),
                    request.getHeader(RequestContext.PURPOSE_HEADER), "429 " + request.getRequestURI()
                            + ": too many failed attempts for " + attempts.kind() + " " + client + " or from " + address);
            attempts.refuse(response, Math.max(1, (waitMillis + 999) / 1000));
            return;
        }
        chain.doFilter(request, response);
        if (attempts.failed(response)) {
            byClient.failed(client);
            byAddress.failed(address);
        }
    }

    /** The client id the request claims, from HTTP Basic or the client_id form field ("" when none). */
    static String clientId(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        String parameter = request.getParameter("client_id");
        return parameter == null ? "" : parameter;
    }

    /** Failures per key in fixed windows: at most {@code allowed} in one window, then blocked until it ends. */
    static final class FailureWindows {

        private static final int SWEEP_ABOVE = 10_000;

        private final int allowed;
        private final long windowNanos;
        private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

        FailureWindows(int allowed, Duration window) {
            this.allowed = allowed;
            this.windowNanos = window.toNanos();
        }

        long blockedForMillis(String key) {
            Window window = windows.get(key);
            long now = System.nanoTime();
            if (window == null || now - window.start() >= windowNanos) {
                return 0;
            }
            return window.failures() >= allowed ? Duration.ofNanos(window.start() + windowNanos - now).toMillis() + 1 : 0;
        }

        void failed(String key) {
            long now = System.nanoTime();
            windows.compute(key, (k, window) -> window == null || now - window.start() >= windowNanos
                    ? new Window(now, 1) : new Window(window.start(), window.failures() + 1));
            if (windows.size() > SWEEP_ABOVE) {
                windows.values().removeIf(window -> now - window.start() >= windowNanos);
            }
        }

        private record Window(long start, int failures) {
        }
    }
}
