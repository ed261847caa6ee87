package kz.reentry.hub.edge;

import java.io.IOException;

/**
 * A streamed request body (hub.edge.streamed-request-sizes) went past its limit while it was being
 * read: the reader stops there, and the endpoint answers 413 with what it did before.
 */
public class RequestBodyTooLarge extends IOException {

    public RequestBodyTooLarge(String message) {
        super(message);
    }
}
