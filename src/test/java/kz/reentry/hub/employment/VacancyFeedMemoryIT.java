package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A large vacancy feed goes through with bounded heap: 200,000 records (100,000 vacancies opened, then
 * the same closed), about 170 MB of JSON generated on the fly as the request is sent (chunked, no
 * length), never a file. The hub's live heap (measured after full collections while the feed is read,
 * in this JVM, which runs the hub) may grow by far less than the feed: a hub that held the body, or
 * cached it as Camel's stream cache would, grows by the feed's size and fails here. Measured, not timed.
 */
class VacancyFeedMemoryIT extends HubIntegrationTest {

    private static final int VACANCIES = 100_000;
    /** What the live heap may grow by while the feed is read. */
    private static final long BOUND = 64L * 1024 * 1024;

    @Test
    @DisplayName("200,000 records generated as they are sent are applied with the live heap growing by less than 64 MB")
    void largeFeedInBoundedHeap() throws Exception {
        var feed = new GeneratedFeed("MEM-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().name("heap-sampler").start(() -> {
            while (reading.get()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        HttpResponse<String> response;
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/intake/e4/vacancies"))
                    .header("Authorization", "Bearer " + tokenFor("labour-demo"))
                    .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> feed)).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            reading.set(false);
            sampler.join();
        }
        long growth = peak.get() - baseline;
        System.out.printf("vacancy feed: %,d bytes, %,d records; live heap %,d bytes before, peak %,d, growth %,d (bound %,d)%n",
                feed.bytes(), 2L * VACANCIES, baseline, peak.get(), growth, BOUND);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("records").asLong()).isEqualTo(2L * VACANCIES);
        assertThat(answer.get("accepted").asLong()).isEqualTo(VACANCIES);
        assertThat(answer.get("closed").asLong()).isEqualTo(VACANCIES);
        assertThat(answer.get("rejected").asLong()).isZero();
        assertThat(feed.bytes()).as("a feed much larger than the bound, or the bound proves nothing").isGreaterThan(2 * BOUND);
        assertThat(growth).as("growth of the live heap while the feed was read").isLessThan(BOUND);
        assertThat(count("MATCH (v:Vacancy) WHERE v.id STARTS WITH $prefix RETURN count(v)", java.util.Map.of("prefix", feed.prefix)))
                .as("every vacancy opened was closed").isZero();
    }

    /** Heap in use after a full collection: what is live. */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * A JSON array of vacancies written as it is read: records 1 to N open vacancies (each with a long
     * conditions text), N+1 to 2N close them. Holds one record at a time.
     */
    private static final class GeneratedFeed extends InputStream {

        private static final String CONDITIONS = ("Вахта 15/15, общежитие и питание за счёт работодателя, спецодежда, "
                + "официальное трудоустройство, принимаем людей с судимостью; обучение на месте. ").repeat(4);

        final String prefix;
        private final String openedOn = LocalDate.now().toString();
        private int next;
        private byte[] current = "[".getBytes(StandardCharsets.UTF_8);
        private int position;
        private long bytes;
        private boolean ended;

        GeneratedFeed(String prefix) {
            this.prefix = prefix;
        }

        long bytes() {
            return bytes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            bytes += n;
            return n;
        }

        private boolean advance() {
            if (ended) {
                return false;
            }
            String text;
            if (next < 2 * VACANCIES) {
                int vacancy = next % VACANCIES;
                String separator = next == 0 ? "" : ",\n";
                text = separator + (next < VACANCIES
                        ? "{\"id\":\"" + prefix + vacancy + "\",\"status\":\"OPEN\",\"employer\":\"ТОО «Құрылыс " + vacancy
                          + "»\",\"position\":\"электросварщик\",\"speciality\":\"сварщик\",\"qualificationLevel\":3,"
                          + "\"region\":\"BY-VI\",\"salary\":" + (200_000 + vacancy) + ",\"currency\":\"BYN\",\"conditions\":\""
                          + CONDITIONS + "\",\"acceptsCriminalRecord\":true,\"openedOn\":\"" + openedOn + "\"}"
                        : "{\"id\":\"" + prefix + vacancy + "\",\"status\":\"CLOSED\"}");
                next++;
            } else {
                text = "]";
                ended = true;
            }
            current = text.getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }
}
