package kz.reentry.hub.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every path the hub serves has one spelling, and a request must use it: a path whose raw form
 * differs from what the container decodes and normalises it to (percent-encoded characters, dot
 * segments, doubled slashes, path parameters such as {@code ;x=1}) is refused with 400 before
 * anything else sees it. Access rules, filters and servlets then all see the same path, so no rule
 * can be passed by spelling a path in a way one of them reads differently. Letter case and trailing
 * slashes are not normalised at all: such a path is another path, which no rule names, and is refused
 * by the deny-by-default access rules.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

    private final DisclosureJournal journal;

    CanonicalPathFilter(DisclosureJournal journal) {
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isCanonical(request)) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_BAD_REQUEST,
                    "The path must be spelled plainly: no encoded characters, dot segments, empty segments or path parameters");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isCanonical(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String pathInfo = request.getPathInfo();
        String decoded = request.getContextPath() + request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return raw.equals(decoded) && !raw.contains("//") && !raw.contains("/./") && !raw.contains("/../")
                && !raw.endsWith("/.") && !raw.endsWith("/..");
    }
}
