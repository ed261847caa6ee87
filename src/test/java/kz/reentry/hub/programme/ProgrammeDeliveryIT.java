package kz.reentry.hub.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** E2 as order 392 cl. 43 says: met by a programme only, and sent when drawn up before the release too. */
class ProgrammeDeliveryIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final StandInReceivers.Receiver AKIMAT_75 = StandInReceivers.INSTANCE.receiver("akimat");

    @Test
    @DisplayName("order 392 cl. 43: a release recorded without a programme leaves E2 open, overdue after 2 working days; the programme drawn up later meets it")
    void releaseWithoutProgrammeStaysOpen() {
        var record = ReleaseRecords.validRelease(LocalDate.now().minusDays(10));
        String person = filed(record);
        LocalDate releasedOn = LocalDate.now().minusDays(10);
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", releasedOn.toString(), "type", "END_OF_TERM", "destinationRegion", "KZ-75", "sourceSystem", "KUIS",
                "sourceMessageId", "e2-" + person)).executeSync().getErrors()).isEmpty();

        assertThat(e2Messages(person)).as("no programme, nothing sent").isZero();
        assertThat(obligation(person)).isEqualTo("OPEN");
        List<Map<String, Object>> obligations = graphQl("kuis-demo").document("""
                query($id: ID!) { personById(id: $id) { obligations { kind status dueOn } } }""")
                .variable("id", person).executeSync().field("personById.obligations").getValue();
        assertThat(obligations).filteredOn(o -> "E2_PROGRAMME_DELIVERY".equals(o.get("kind"))).singleElement()
                .satisfies(o -> assertThat(LocalDate.parse((String) o.get("dueOn"))).as("overdue").isBefore(LocalDate.now()));

        drawUp(person, "KZ-MIO-75");

        var received = await().atMost(PATIENCE).until(() -> e2For(record.iin()), found -> !found.isEmpty()).getFirst();
        assertThat(received.content().get("release").get("released").asBoolean()).isTrue();
        assertThat(received.content().get("programme").get("measures").get(0).get("domain").asString()).isEqualTo("HOUSING");
        await().atMost(PATIENCE).until(() -> "MET".equals(obligation(person)));
    }

    @Test
    @DisplayName("order 392 cl. 43 ¶2: a programme drawn up before the release goes to the akimat of the chosen residence, and owes nothing yet")
    void drawnUpBeforeRelease() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(300));
        String person = filed(record);

        drawUp(person, "KZ-MIO-75");

        var received = await().atMost(PATIENCE).until(() -> e2For(record.iin()), found -> !found.isEmpty()).getFirst();
        assertThat(received.content().get("release").get("released").asBoolean()).isFalse();
        assertThat(received.content().get("release").get("destinationRegion").asString()).isEqualTo("KZ-75");
        assertThat(obligation(person)).as("no E2 duty before the release").isNull();
    }

    private void drawUp(String person, String responsible) {
        assertThat(graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                "measures", List.of(Map.of("domain", "HOUSING", "description", "Жильё у сестры", "responsible", responsible,
                        "deadline", LocalDate.now().plusMonths(1).toString())))).executeSync().getErrors()).isEmpty();
    }

    private List<StandInReceivers.Received> e2For(String iin) {
        return AKIMAT_75.applied().stream().filter(r -> "E2".equals(r.exchange()))
                .filter(r -> iin.equals(r.content().get("person").get("iin").asString())).toList();
    }

    private long e2Messages(String person) {
        return count("MATCH (m:OutboundMessage {exchange: 'E2'})-[:CONCERNS]->(:Person {id: $person}) RETURN count(m)",
                Map.of("person", person));
    }

    private String obligation(String person) {
        var rows = driver.executableQuery("""
                MATCH (o:Obligation {kind: 'E2_PROGRAMME_DELIVERY'})-[:CONCERNS]->(:Person {id: $person}) RETURN o.status""")
                .withParameters(Map.of("person", person)).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString();
    }
}
