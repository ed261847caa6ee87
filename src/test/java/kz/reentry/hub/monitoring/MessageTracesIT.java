package kz.reentry.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.sdk.trace.data.SpanData;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.RecordedSpans;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One trace from an intake request to the delivery of what it queued (issue 19): the request's
 * traceparent is followed into the record's transaction, kept with the E1 notice in the outbox, and
 * continued by the delivery, which hands the receiver a traceparent of its own span in that trace.
 */
class MessageTracesIT extends HubIntegrationTest {

    @Autowired
    RecordedSpans spans;

    @Test
    @DisplayName("a release record posted in a caller's trace: the record's transaction and the E1 notice's delivery are spans of that trace, with the message ids, and the akimat gets a traceparent of the delivery's span")
    void oneTraceFromIntakeToDelivery() {
        String traceId = hex(16);
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(4));
        int status = post(record, "00-" + traceId + "-" + hex(8) + "-01");
        assertThat(status).isEqualTo(200);

        var received = notice(record);
        assertThat(received.traceparentHeader()).as("the traceparent the akimat got").startsWith("00-" + traceId + "-");
        String deliverySpanId = received.traceparentHeader().split("-")[2];

        List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId),
                ended -> ended.stream().anyMatch(span -> span.getSpanId().equals(deliverySpanId)));
        var filed = only(trace, "file E5 record");
        assertThat(filed.getAttributes().asMap().toString()).contains(record.get("messageId"));
        var delivered = trace.stream().filter(span -> span.getSpanId().equals(deliverySpanId)).findFirst().orElseThrow();
        assertThat(delivered.getName()).isEqualTo("deliver E1 to akimat-75");
        assertThat(delivered.getAttributes().asMap().toString()).contains(received.messageId());
        // the request's own server span is the parent of the record's transaction
        assertThat(trace).anyMatch(span -> span.getSpanId().equals(filed.getParentSpanId()));
    }

    @Test
    @DisplayName("a release record posted without a trace: the akimat still gets a well-formed traceparent, a trace the hub began")
    void traceBegunByTheHub() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(4));
        assertThat(post(record, null)).isEqualTo(200);
        assertThat(notice(record).traceparentHeader()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    private int post(ReleaseRecords record, String traceparent) {
        return http.post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .headers(h -> {
                    if (traceparent != null) {
                        h.set("traceparent", traceparent);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).body(record.json())
                .exchange((request, response) -> response.getStatusCode().value());
    }

    private static StandInReceivers.Received notice(ReleaseRecords record) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> StandInReceivers.INSTANCE.receiver("akimat").applied()
                        .stream().filter(r -> "E1".equals(r.exchange())
                                && record.iin().equals(r.content().path("person").path("iin").asString(null))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static SpanData only(List<SpanData> trace, String name) {
        var named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.getFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
