package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notices to agencies no receiver serves (the region KZ-47 has none here) fail together at each poll,
 * as one attempt each would: counted, backed off, DEAD on the last attempt, with the agency named in
 * the error; the notices of the served region are delivered meanwhile.
 */
@BesideTheSharedHub
class UnservedAgenciesIT {

    private static final Duration BACKOFF = Duration.ofSeconds(1);

    @Test
    @DisplayName("notices to agencies no receiver serves fail at each poll as attempts do: 3 attempts at least 0.8 s apart (the backoff), then DEAD naming the agency (a poll failing at most 2 of an agency); the served region's notices arrive")
    void unservedMessagesFailAsAttemptsDo(@TempDir Path data) throws Exception {
        try (var akimat = new HoldingReceiver(); var police = new HoldingReceiver();
             var hub = HubProcess.start("unserved", data, List.of(
                     "--hub.delivery.poll-interval=100ms",
                     "--hub.delivery.batch-size=2",
                     "--hub.delivery.retry.initial-backoff=" + BACKOFF.toMillis() + "ms",
                     "--hub.delivery.retry.max-backoff=" + BACKOFF.toMillis() + "ms",
                     "--hub.delivery.retry.max-attempts=3",
                     "--hub.delivery.receivers.akimat-75.agencies=KZ-MIO-75",
                     "--hub.delivery.receivers.akimat-75.endpoint=" + akimat.endpoint(),
                     "--hub.delivery.receivers.police-75.agencies=KZ-OVD-75",
                     "--hub.delivery.receivers.police-75.endpoint=" + police.endpoint()))) {
            List<String> unserved = new ArrayList<>();
            List<String> served = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var away = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i)).set("release.residenceRegion", "KZ-47");
                assertThat(hub.postRelease(away.json())).isEqualTo("ACCEPTED");
                unserved.add(away.iin());
                var home = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2 + i));
                assertThat(hub.postRelease(home.json())).isEqualTo("ACCEPTED");
                served.add(home.iin());
            }

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.count("""
                            MATCH (m:OutboundMessage {status: 'DEAD'})-[:CONCERNS]->(p:Person) WHERE p.iin IN $iins
                            RETURN count(m) AS n""", Map.of("iins", unserved)) == 8);
            var dead = hub.graph().executableQuery(EACH).withParameters(Map.of("iins", unserved)).execute().records();
            assertThat(dead).allSatisfy(m -> {
                assertThat(m.get("status").asString()).isEqualTo("DEAD");
                assertThat(m.get("attempts").asInt()).isEqualTo(3);
                assertThat(m.get("nextAttemptAt").isNull()).isTrue();
                assertThat(m.get("error").asString()).isEqualTo("no receiver is configured for "
                        + m.get("recipient").asString() + " (hub.delivery.receivers)");
                // two backoffs of 1 s ± 20 % between the three attempts
                assertThat(m.get("millisToDead").asLong()).isGreaterThanOrEqualTo(2 * BACKOFF.toMillis() * 8 / 10);
            });

            // the served region's notices arrive meanwhile (on a loaded machine some may still be on their way)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.count("""
                            MATCH (m:OutboundMessage {status: 'DELIVERED'})-[:CONCERNS]->(p:Person) WHERE p.iin IN $iins
                            RETURN count(m) AS n""", Map.of("iins", served)) == 8);
        }
    }

    private static final String EACH = """
            MATCH (m:OutboundMessage)-[:CONCERNS]->(p:Person) WHERE p.iin IN $iins
            RETURN m.recipient AS recipient, m.status AS status, m.attempts AS attempts, m.lastError AS error,
                   m.nextAttemptAt AS nextAttemptAt,
                   CASE WHEN m.deadAt IS NULL THEN null
                        ELSE duration.inSeconds(m.createdAt, m.deadAt).milliseconds END AS millisToDead""";
}
