package kz.reentry.hub.edge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.RequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a GraphQL or intake request whose body is larger than the limit (413). A declared length is
 * checked before anything is read; a chunked body is read up to the limit and passed on from memory.
 * A compressed body ({@code Content-Encoding: gzip} or {@code deflate}) is inflated here, and the limit
 * holds for what it inflates to: a few kilobytes of gzip can otherwise become gigabytes further on.
 * <p>
 * The paths of {@code streamedLimits} (an endpoint that reads its body record by record, such as the
 * vacancy feed) have a limit of their own, and their body is never held: it is passed on as a stream
 * (inflated as it is read, when compressed) that fails with {@link RequestBodyTooLarge} past the limit.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Map<String, Long> streamedLimits;
    private final DisclosureJournal journal;

    RequestSizeLimitFilter(long maxBytes, Map<String, Long> streamedLimits, DisclosureJournal journal) {
        this.maxBytes = maxBytes;
        this.streamedLimits = Map.copyOf(streamedLimits);
        this.journal = journal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean encoded = encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity");
        Long streamedLimit = streamedLimits.get(request.getRequestURI().substring(request.getContextPath().length()));
        if (streamedLimit != null) {
            streamed(request, response, chain, encoded ? encoding.strip().toLowerCase(Locale.ROOT) : null, streamedLimit);
            return;
        }
        if (encoded) {
            inflated(request, response, chain, encoding.strip().toLowerCase(Locale.ROOT));
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

    private void inflated(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String encoding)
            throws ServletException, IOException {
        if (!List.of("gzip", "x-gzip", "deflate").contains(encoding)) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding + " is not accepted; send the body as it is, or gzip or deflate it");
            return;
        }
        byte[] compressed = request.getInputStream().readNBytes((int) maxBytes + 1);
        if (compressed.length > maxBytes) {
            tooLarge(request, response, "more than " + maxBytes + " bytes compressed");
            return;
        }
        byte[] body;
        try (InputStream in = encoding.equals("deflate")
                ? new InflaterInputStream(new ByteArrayInputStream(compressed))
                : new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            body = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_BAD_REQUEST,
                    "The body is not valid " + encoding + " data");
            return;
        }
        if (body.length > maxBytes) {
            tooLarge(request, response, "more than " + maxBytes + " bytes once inflated");
            return;
        }
        chain.doFilter(BufferedBody.decoded(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, String size) throws IOException {
        tooLarge(request, response, size, maxBytes);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, String size, long limit)
            throws IOException {
        EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "The request is " + size + "; at most " + limit + " bytes are accepted");
    }

    /**
     * A streamed path: a declared length over the limit is refused before anything is read; otherwise the
     * body goes on as a stream that counts (and, compressed, inflates) as it is read, and fails past the
     * limit; the refusal is recorded then, as at the edge.
     *
     * @param encoding the Content-Encoding, null for none
     */
    private void streamed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String encoding,
                          long limit) throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit) {
            tooLarge(request, response, length + " bytes", limit);
            return;
        }
        String endUser = request.getHeader(RequestContext.END_USER_HEADER);
        String purpose = request.getHeader(RequestContext.PURPOSE_HEADER);
        String path = request.getRequestURI();
        Runnable refused = () -> {
            var caller = Caller.authenticated();
            journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                    endUser, purpose, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE + " " + path);
        };
        InputStream body = StreamedBody.limited(request.getInputStream(), limit, encoding == null ? "" : " compressed", refused);
        if (encoding == null) {
            chain.doFilter(new StreamedBody(request, body, false), response);
            return;
        }
        if (!List.of("gzip", "x-gzip", "deflate").contains(encoding)) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding + " is not accepted; send the body as it is, or gzip or deflate it");
            return;
        }
        InputStream inflating;
        try {
            inflating = encoding.equals("deflate") ? new InflaterInputStream(body) : new GZIPInputStream(body, 64 * 1024);
        } catch (IOException e) {
            EdgeReplies.refuse(request, response, journal, HttpServletResponse.SC_BAD_REQUEST,
                    "The body is not valid " + encoding + " data");
            return;
        }
        chain.doFilter(new StreamedBody(request, StreamedBody.limited(inflating, limit, " once inflated", refused), true),
                response);
    }
}
