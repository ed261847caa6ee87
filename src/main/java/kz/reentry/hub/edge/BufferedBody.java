package kz.reentry.hub.edge;

import java.io.ByteArrayInputStream;
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

/** The request with its body already read into memory. */
class BufferedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /**
     * The request with its body inflated: the encoding and the compressed length are gone from its
     * headers, so nothing after this inflates it again or trusts the old length.
     */
    static BufferedBody decoded(HttpServletRequest request, byte[] inflated) {
        return new BufferedBody(request, inflated) {

            @Override
            public String getHeader(String name) {
                if (HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)) {
                    return null;
                }
                return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) ? Integer.toString(inflated.length) : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                String value = getHeader(name);
                if (HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                    return Collections.enumeration(value == null ? List.of() : List.of(value));
                }
                return super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(header -> !HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(header)).toList());
            }
        };
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        InputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already in memory");
            }
        };
    }
}
