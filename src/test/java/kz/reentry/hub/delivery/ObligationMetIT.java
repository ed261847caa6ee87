package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A release notice (E1) goes to the akimat and to the police, whose receivers are called at the same
 * time, each delivery in its own transaction: the duty is met all the same once both are delivered.
 */
class ObligationMetIT extends HubIntegrationTest {

    @Test
    @DisplayName("notices delivered to two receivers at the same time meet their obligation, every one of them")
    void obligationMetWhenBothDeliveredAtOnce() {
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            persons.add(filed(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2).plusDays(i))));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                MATCH (m:OutboundMessage {exchange: 'E1'})-[:CONCERNS]->(p:Person) WHERE p.id IN $persons
                  AND m.status = 'DELIVERED' RETURN count(m) AS n""", Map.of("persons", persons)) == 2L * persons.size());
        // the obligation is met in the transaction of its last delivery: no waiting beyond that
        assertThat(count("""
                MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:CONCERNS]->(p:Person) WHERE p.id IN $persons
                  AND o.status = 'MET' RETURN count(o) AS n""", Map.of("persons", persons))).isEqualTo(persons.size());
    }
}
