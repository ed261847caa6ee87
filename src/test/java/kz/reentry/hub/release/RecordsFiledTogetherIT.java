package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Records posted at the same moment are filed together (one transaction for those that arrived while
 * another group was being filed), and each caller is still answered for its own record alone: its
 * receipt, its own rejection and dead letter, and the E1 notice its record queued carries its own
 * request's trace.
 */
class RecordsFiledTogetherIT extends HubIntegrationTest {

    private static final int AT_ONCE = 24;

    @Autowired
    MeterRegistry meters;

    @Test
    @DisplayName("records posted at once share commits, and each request gets its own receipt and its own notice in its own trace")
    void postedAtOnce() throws Exception {
        List<Posted> posted = new ArrayList<>();
        // a busy moment shares a commit only when records arrive while another is filed: try a few bursts
        boolean shared = false;
        for (int burst = 0; burst < 3 && !shared; burst++) {
            var together = together();
            double filingsBefore = together.count();
            double recordsBefore = together.totalAmount();
            posted.addAll(burst(validRecords(AT_ONCE), List.of()));
            double filings = together.count() - filingsBefore;
            double records = together.totalAmount() - recordsBefore;
            // records of other tests (a broker message redelivered) may be filed meanwhile: they only add
            assertThat(records).as("records answered by the filings").isGreaterThanOrEqualTo(AT_ONCE);
            shared = filings < records;
        }
        assertThat(shared).as("fewer filings than records posted at once").isTrue();
        for (var one : posted) {
            assertThat(one.status()).as(one.record().get("messageId")).isEqualTo(200);
            assertThat(one.body().get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(one.body().get("messageId").asString()).isEqualTo(one.record().get("messageId"));
            assertThat(one.body().get("personIin").asString()).isEqualTo(one.record().iin());
        }
        for (var one : posted.subList(0, 8)) {
            var notice = notice(one.record());
            assertThat(notice.traceparentHeader()).as("the akimat's notice for " + one.record().iin())
                    .startsWith("00-" + one.traceId() + "-");
        }
    }

    @Test
    @DisplayName("a record the filing rejects among records posted at once is answered and dead-lettered alone; the others are filed")
    void rejectedAmongOthers() throws Exception {
        var original = ReleaseRecords.validRelease(LocalDate.now().plusMonths(5));
        assertThat(postRelease(original.json()).status()).isEqualTo(200);
        var reused = original.set("person.surname", "Другая");

        var posted = burst(validRecords(AT_ONCE - 1), List.of(reused));
        var rejected = posted.stream().filter(p -> p.record() == reused).findFirst().orElseThrow();
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().get("errors").get(0).get("rule").asString()).isEqualTo("messageId.reused");
        assertThat(count("MATCH (d:DeadLetter {id: $id, messageId: $messageId}) RETURN count(d)",
                Map.of("id", rejected.body().get("deadLetterId").asString(), "messageId", reused.get("messageId"))))
                .isEqualTo(1);
        for (var one : posted) {
            if (one != rejected) {
                assertThat(one.status()).as(one.record().get("messageId")).isEqualTo(200);
                assertThat(count("MATCH (:InboundMessage {messageId: $id, status: 'ACCEPTED'}) RETURN count(*)",
                        Map.of("id", one.record().get("messageId")))).isEqualTo(1);
            }
        }
    }

    private DistributionSummary together() {
        return meters.get("hub.intake.filed.together").summary();
    }

    private static List<ReleaseRecords> validRecords(int n) {
        List<ReleaseRecords> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(ReleaseRecords.validRelease(LocalDate.now().plusMonths(3 + i % 6)));
        }
        return records;
    }

    /** Posts the records (and the extra ones, in the middle) from as many threads, released together. */
    private List<Posted> burst(List<ReleaseRecords> records, List<ReleaseRecords> extra) throws Exception {
        List<ReleaseRecords> all = new ArrayList<>(records);
        all.addAll(all.size() / 2, extra);
        String token = tokenFor("kuis-demo");
        var start = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Posted>> futures = new ArrayList<>();
            for (var record : all) {
                futures.add(threads.submit(() -> {
                    String traceId = hex(16);
                    start.await();
                    return http.post().uri("/intake/releases")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                            .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                            .contentType(MediaType.APPLICATION_JSON).body(record.json())
                            .exchange((request, response) -> {
                                String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                                return new Posted(record, traceId, response.getStatusCode().value(), JSON.readTree(text));
                            });
                }));
            }
            start.countDown();
            List<Posted> posted = new ArrayList<>();
            for (var future : futures) {
                posted.add(future.get());
            }
            return posted;
        }
    }

    private static StandInReceivers.Received notice(ReleaseRecords record) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> StandInReceivers.INSTANCE.receiver("akimat").applied()
                        .stream().filter(r -> "E1".equals(r.exchange())
                                && record.iin().equals(r.content().path("person").path("iin").asString(null))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private record Posted(ReleaseRecords record, String traceId, int status, JsonNode body) {
    }
}
