package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import kz.reentry.hub.edge.RequestBodyTooLarge;
import kz.reentry.hub.exchange.IntakeContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a feed that cannot be read on is answered. */
class VacancyFeedTests {

    @Test
    @DisplayName("a body that goes past its size while it is read stops the feed as TOO_LARGE (413), after the records read before it")
    void tooLarge() throws IOException {
        byte[] lines = "{\"id\": \"V-1\"}\n{\"id\": \"V-2\"}\n".getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new RequestBodyTooLarge("the request is more than 100000 bytes; at most 100000 bytes are accepted");
            }
        };
        // longer than the reader's buffer, so that the limit is met after whole records were read
        byte[] padding = ("{\"id\": \"V-3\", \"conditions\": \"" + "x".repeat(70_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        var body = new SequenceInputStream(new ByteArrayInputStream(concat(lines, padding)), failing);
        var feed = new VacancyFeed.Feed(VacancyFeedReader.open(body, "application/x-ndjson"),
                new IntakeContext("http", "labour-demo", "KZ-CZN-75", null, null, null, null, null, null, null));

        int read = 0;
        while (feed.more()) {
            feed.reader.next();
            read++;
        }

        assertThat(read).as("the records before the limit").isEqualTo(3);
        assertThat(feed.stoppedStatus).isEqualTo(413);
        assertThat(feed.stoppedBy.rule()).isEqualTo("feed.size");
        assertThat(feed.stoppedBy.message()).contains("at most 100000 bytes");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
