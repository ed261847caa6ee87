package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

class DisclosureLogWriterTests {

    @Test
    @DisplayName("the log writer takes up the graph's numbering before the web server takes requests, and stops after it")
    void recoversBeforeRequestsArrive() {
        var writer = new DisclosureLogWriter(null, null);
        // the web server's start/stop lifecycle runs below the graceful-shutdown phase
        assertThat(writer.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
    }
}
