package kz.reentry.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The hub's own intake headers (hubSender, hubSenderAgency, hubReplayTo, ...) are set by its routes only:
 * a broker message's properties become headers, and one named like them must not pose as the hub's
 * (here: make the disclosure log name another agency as the sender of an intake).
 */
class IntakeHeaderForgeryIT extends HubIntegrationTest {

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("a broker message naming hubSenderAgency is not logged as that agency's intake")
    void brokerPropertiesCannotNameTheAgency() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2047, 3, 3));
        String endUser = DisclosureLog.uniqueEndUser("broker-agency-forger");

        jms.convertAndSend("e5.release-records", record.json(), message -> {
            message.setStringProperty("endUser", endUser);
            message.setStringProperty("hubSenderAgency", "KZ-GP");
            return message;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n",
                Map.of("iin", record.iin())) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "KZ-GP")))
                        .noneMatch(entry -> endUser.equals(entry.get("endUser"))));
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "unknown")))
                .filteredOn(entry -> endUser.equals(entry.get("endUser"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("client", "kuis-broker"));
    }
}
