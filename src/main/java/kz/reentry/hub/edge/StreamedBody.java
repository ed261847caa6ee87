package kz.reentry.hub.edge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.HttpHeaders;

/**
 * The request with its body read as it arrives, never held: the stream counts what it hands on and
 * fails with {@link RequestBodyTooLarge} past the limit. For an endpoint that reads its body record
 * by record (a vacancy feed), where the limit can be far above what may be held in memory.
 */
class StreamedBody extends HttpServletRequestWrapper {

    private final InputStream body;
    private final boolean decoded;

    /**
     * @param decoded whether the body was inflated here: then the encoding and the compressed length are
     *                gone from its headers, so nothing after this inflates it again or trusts the old length
     */
    StreamedBody(HttpServletRequest request, InputStream body, boolean decoded) {
        super(request);
        this.body = body;
        this.decoded = decoded;
    }

    /** Counts the bytes read from {@code in}; past {@code limit}, {@code onExceeded} runs once and reading fails. */
    static InputStream limited(InputStream in, long limit, String what, Runnable onExceeded) {
        return new InputStream() {
            private long count;
            private boolean exceeded;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (exceeded) {
                    throw tooLarge();
                }
                int read = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
                if (read > 0) {
                    count += read;
                    if (count > limit) {
                        exceeded = true;
                        onExceeded.run();
                        throw tooLarge();
                    }
                }
                return read;
            }

            private RequestBodyTooLarge tooLarge() {
                return new RequestBodyTooLarge("the request is more than " + limit + " bytes" + what
                        + "; at most " + limit + " bytes are accepted");
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public ServletInputStream getInputStream() {
        return new ServletInputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
                int read = body.read();
                finished = read == -1;
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = body.read(buffer, offset, length);
                finished = read == -1;
                return read;
            }

            @Override
            public boolean isFinished() {
                return finished;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is read as a stream, blocking");
            }
        };
    }

    @Override
    public int getContentLength() {
        return decoded ? -1 : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return decoded ? -1 : super.getContentLengthLong();
    }

    @Override
    public String getHeader(String name) {
        return decoded && hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return decoded && hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        if (!decoded) {
            return super.getHeaderNames();
        }
        List<String> names = Collections.list(super.getHeaderNames()).stream().filter(name -> !hidden(name)).toList();
        return Collections.enumeration(names);
    }

    private static boolean hidden(String name) {
        return HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
    }
}
