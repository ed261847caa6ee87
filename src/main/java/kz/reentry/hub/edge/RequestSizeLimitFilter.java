package kz.reentry.hub.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a GraphQL or intake request whose body is larger than the limit (413). A declared length is
 * checked before anything is read; a chunked body is read up to the limit and passed on from memory.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final DisclosureJournal journal;

    RequestSizeLimitFilter(long maxBytes, DisclosureJournal journal) {
        this.maxBytes = maxBytes;
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            tooLarge(request, response, length + " bytes");
            return;
        }
        if (length >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response, "more than " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, String size) throws IOException {
        EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "The request is " + size + "; at most " + maxBytes + " bytes are accepted");
    }
}
