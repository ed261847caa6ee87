package kz.reentry.hub.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one way a GraphQL operation may arrive over HTTP: a POST whose JSON body is a single
 * operation. A GET or a form post could be sent by a browser on another site (CSRF), and a JSON
 * array is a batch that would multiply every per-operation limit. Refusals are recorded like any
 * other; the request size filter has already bounded the body this reads.
 */
class GraphQlTransportFilter extends OncePerRequestFilter {

    private final DisclosureJournal journal;

    GraphQlTransportFilter(DisclosureJournal journal) {
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "GraphQL operations are accepted only as POST with a JSON body");
            return;
        }
        if (!isJson(request.getContentType())) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "GraphQL operations are accepted only with Content-Type application/json");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (firstSignificantByte(body) != '{') {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_BAD_REQUEST,
                    "One GraphQL operation per request, as a JSON object; batches are not accepted");
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int firstSignificantByte(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b;
            }
        }
        return -1;
    }
}
