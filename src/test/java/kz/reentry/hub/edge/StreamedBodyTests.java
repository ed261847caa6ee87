package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A streamed body is counted as it is read, never held, and fails past its limit. */
class StreamedBodyTests {

    @Test
    @DisplayName("up to the limit the body reads through; one byte more fails, and the refusal is recorded once")
    void limit() throws IOException {
        AtomicInteger refusals = new AtomicInteger();
        var exact = StreamedBody.limited(new ByteArrayInputStream(new byte[100]), 100, "", refusals::incrementAndGet);
        assertThat(exact.readAllBytes()).hasSize(100);
        assertThat(refusals).hasValue(0);

        var over = StreamedBody.limited(new ByteArrayInputStream(new byte[101]), 100, " once inflated", refusals::incrementAndGet);
        byte[] buffer = new byte[64];
        assertThat(over.read(buffer, 0, 64)).isEqualTo(64);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(RequestBodyTooLarge.class)
                .hasMessageContaining("more than 100 bytes once inflated");
        assertThatThrownBy(() -> over.read(buffer, 0, 1)).as("and stays failed").isInstanceOf(RequestBodyTooLarge.class);
        assertThat(refusals).hasValue(1);
    }
}
