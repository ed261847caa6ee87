package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The actual release as the penal system reports it (E5, release.status RELEASED), on each channel:
 * custody closes, the states of the release open, and the duties it starts (E2, E9) are owed, as when
 * an operator records it through the API.
 */
class ReleaseEventIT extends HubIntegrationTest {

    private static final List<String> EVENT_COLUMNS = new ArrayList<>(BatchDrops.COLUMNS);

    static {
        EVENT_COLUMNS.addAll(List.of("release.status", "release.administrativeSupervisionUntil"));
    }

    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    @Test
    @DisplayName("order 392 cl. 43 ¶3, decree 912 item 28: a parole release reported over HTTP closes custody, opens RELEASED and PAROLEE, and starts E2 and E9")
    void paroleOverHttp() {
        LocalDate releasedOn = LocalDate.now().minusDays(3);
        LocalDate termEnd = releasedOn.plusMonths(8);
        var record = released(releasedOn, "PAROLE").set("custody.termEnd", termEnd.toString());
        var reply = postRelease(record.json());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("changes").path("release").asString()).isEqualTo("CREATED");

        String person = personOf(record);
        assertThat(states(person)).contains("IN_CUSTODY until " + releasedOn, "RELEASED from " + releasedOn,
                "PAROLEE from " + releasedOn + " until " + termEnd);
        assertThat(openDuties(person)).contains("E2_PROGRAMME_DELIVERY", "E9_ARRIVAL_CONFIRMATION");
    }

    @Test
    @DisplayName("decree 912 item 28: the release reported again, by a corrected message on the broker, is recorded once")
    void sameReleaseTwiceOnTwoChannels() {
        LocalDate releasedOn = LocalDate.now().minusDays(1);
        var record = released(releasedOn, "END_OF_TERM");
        assertThat(postRelease(record.json()).status()).isEqualTo(200);
        String person = personOf(record);

        jms.convertAndSend("e5.release-records", record.newMessage().set("release.housing", "у сестры").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "MATCH (m:InboundMessage {messageId: $id}) RETURN count(m)", Map.of("id", record.get("messageId"))) == 1);

        assertThat(count("MATCH (:Person {id: $id})-[:WAS]->(s:PersonState {kind: 'RELEASED'}) RETURN count(s)",
                Map.of("id", person))).isEqualTo(1);
        assertThat(count("MATCH (o:Obligation {kind: 'E2_PROGRAMME_DELIVERY'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(o)",
                Map.of("id", person))).isEqualTo(1);
    }

    @Test
    @DisplayName("003 cl. 51 (3): a release under administrative supervision in a CSV batch opens the supervision and awaits the arrival")
    void supervisionInABatchFile() throws IOException {
        LocalDate releasedOn = LocalDate.now().minusDays(2);
        LocalDate supervisionUntil = releasedOn.plusYears(1);
        var record = released(releasedOn, "END_OF_TERM")
                .set("release.administrativeSupervisionUntil", supervisionUntil.toString());
        var drops = new BatchDrops(BatchDrops.directoryOf(camel),
                () -> graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class));
        String name = "event-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        drops.drop(name, BatchDrops.csv(List.of(record), EVENT_COLUMNS).getBytes(StandardCharsets.UTF_8));
        assertThat(drops.awaitBatch(name, Duration.ofMinutes(1)).get("accepted").asInt()).isEqualTo(1);

        String person = personOf(record);
        assertThat(states(person)).contains("RELEASED from " + releasedOn,
                "ADMINISTRATIVE_SUPERVISION from " + releasedOn + " until " + supervisionUntil);
        assertThat(openDuties(person)).contains("E2_PROGRAMME_DELIVERY", "E9_ARRIVAL_CONFIRMATION");
    }

    @Test
    @DisplayName("a release reported as happened on a day still ahead, or supervision on a planned release, is refused with its reason and kept")
    void impossibleEventsRefused() {
        var ahead = released(LocalDate.now().plusDays(5), "END_OF_TERM");
        var reply = postRelease(ahead.json());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(errors(reply)).contains("release.date dates.future");

        var planned = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3))
                .set("release.administrativeSupervisionUntil", LocalDate.now().plusYears(2).toString());
        assertThat(errors(postRelease(planned.json()))).contains("release.administrativeSupervisionUntil release.status");

        assertThat(count("MATCH (d:DeadLetter) WHERE d.messageId IN $ids RETURN count(d)",
                Map.of("ids", List.of(ahead.get("messageId"), planned.get("messageId"))))).isEqualTo(2);
        assertThat(count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p)",
                Map.of("iins", List.of(ahead.iin(), planned.iin())))).isZero();
    }

    @Test
    @DisplayName("recordRelease takes the same supervision: the states and the awaited arrival are those of the E5 event")
    void supervisionThroughTheApi() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2));
        String person = filed(record);
        LocalDate releasedOn = LocalDate.now().minusDays(1);
        var reply = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", releasedOn.toString(), "type", "AMNESTY", "destinationRegion", "KZ-75",
                "administrativeSupervisionUntil", releasedOn.plusMonths(6).toString(), "sourceSystem", "KUIS",
                "sourceMessageId", "event-" + person)).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        assertThat(states(person)).contains("ADMINISTRATIVE_SUPERVISION from " + releasedOn + " until " + releasedOn.plusMonths(6));
        assertThat(openDuties(person)).contains("E9_ARRIVAL_CONFIRMATION");

        var wrong = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", releasedOn.toString(), "type", "AMNESTY", "destinationRegion", "KZ-75",
                "administrativeSupervisionUntil", releasedOn.toString(), "sourceSystem", "KUIS")).executeSync();
        assertBadRequest(wrong, "input.administrativeSupervisionUntil", "dates.order");
    }

    private static ReleaseRecords released(LocalDate on, String type) {
        return ReleaseRecords.validRelease(on).set("release.type", type).set("release.status", "RELEASED");
    }

    private String personOf(ReleaseRecords record) {
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id").withParameters(Map.of("iin", record.iin()))
                .execute().records().getFirst().get("id").asString();
    }

    private List<String> states(String person) {
        return driver.executableQuery("""
                        MATCH (:Person {id: $id})-[:WAS]->(s:PersonState)
                        RETURN s.kind + CASE WHEN s.to IS NULL THEN ' from ' + toString(s.from)
                               WHEN s.kind = 'IN_CUSTODY' THEN ' until ' + toString(s.to)
                               ELSE ' from ' + toString(s.from) + ' until ' + toString(s.to) END AS state""")
                .withParameters(Map.of("id", person)).execute().records().stream().map(r -> r.get("state").asString()).toList();
    }

    private List<String> openDuties(String person) {
        return driver.executableQuery("MATCH (o:Obligation {status: 'OPEN'})-[:CONCERNS]->(:Person {id: $id}) RETURN o.kind AS kind")
                .withParameters(Map.of("id", person)).execute().records().stream().map(r -> r.get("kind").asString()).toList();
    }

    private static List<String> errors(Reply reply) {
        return reply.body().path("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString())
                .toList();
    }
}
