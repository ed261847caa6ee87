package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;

/** E9: a parolee's arrival at the chosen residence, confirmed by its police (instruction No. 7; 003 cl. 51). */
class ArrivalConfirmationIT extends HubIntegrationTest {

    private static final String CONFIRM = """
            mutation($input: ConfirmArrivalInput!) { confirmArrival(input: $input) { id kind status owedBy { code } } }""";
    private static final String OBLIGATIONS = """
            query($id: ID!) { personById(id: $id) { obligations { id kind status overdue dueOn owedBy { code } } } }""";

    @Test
    @DisplayName("003 cl. 51 (3), (10): a parolee released into Almaty is awaited by its police; unconfirmed after the configured days, probation and the prosecutor see the duty overdue")
    void unconfirmedArrivalIsOverdue() {
        String person = paroled(LocalDate.now().minusDays(15));
        for (String client : List.of("probation-demo", "prosecutor-demo", "kuis-demo")) {
            assertThat(arrivalDuty(client, person)).as(client).containsEntry("status", "OPEN").containsEntry("overdue", true)
                    .containsEntry("dueOn", LocalDate.now().minusDays(5).toString())
                    .containsEntry("owedBy", Map.of("code", "KZ-OVD-75"));
        }
    }

    @Test
    @DisplayName("003 cl. 51 (3): the police of the residence confirm arrival and registration; the duty is met and the releasing institution is told")
    void confirmedByThePolice() {
        String person = paroled(LocalDate.now().minusDays(2));
        var reply = confirm("police-demo", person, LocalDate.now().minusDays(1), LocalDate.now());
        assertThat(reply.getErrors()).isEmpty();
        assertThat((Object) reply.field("confirmArrival.status").getValue()).isEqualTo("MET");
        assertThat(arrivalDuty("probation-demo", person)).containsEntry("status", "MET").containsEntry("overdue", false);
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E9', recipient: 'UK-161-2'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(m)",
                Map.of("id", person))).isEqualTo(1);
        // nothing is awaited any more
        assertThat(confirm("police-demo", person, LocalDate.now().minusDays(1), LocalDate.now()).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getErrorType().toString()).isEqualTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("only the police body that owes it confirms, with a registration not before the arrival")
    void onlyTheOwingPolice() {
        String person = paroled(LocalDate.now().minusDays(2));
        assertThat(confirm("probation-demo", person, LocalDate.now().minusDays(1), LocalDate.now()).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertBadRequest(confirm("police-demo", person, LocalDate.now(), LocalDate.now().minusDays(1)),
                "input.registeredOn", "dates.order");
        assertThat(arrivalDuty("kuis-demo", person)).containsEntry("status", "OPEN");
    }

    @Test
    @DisplayName("a release at the end of the term awaits no arrival")
    void endOfTermAwaitsNothing() {
        var record = ReleaseRecords.validRelease(LocalDate.now().minusDays(2));
        String person = filed(record);
        release(person, LocalDate.now().minusDays(2), "END_OF_TERM");
        assertThat(arrivalDuty("kuis-demo", person)).isNull();
    }

    @Test
    @DisplayName("003 cl. 51 (3): the police system reports the arrival over its inbound route by IIN; the duty is met once, a resend is a duplicate")
    void reportedByThePoliceSystem() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(6)).set("release.type", "PAROLE");
        String person = filed(record);
        release(person, LocalDate.now().minusDays(3), "PAROLE");
        String report = arrivalReport("e9-" + UUID.randomUUID(), record.iin(), LocalDate.now().minusDays(2), LocalDate.now().minusDays(1));

        var reply = postJson("/intake/e9/arrivals", tokenFor("police-demo"), report);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(arrivalDuty("prosecutor-demo", person)).containsEntry("status", "MET");
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E9', recipient: 'UK-161-2'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(m)",
                Map.of("id", person))).isEqualTo(1);

        var again = postJson("/intake/e9/arrivals", tokenFor("police-demo"), report);
        assertThat(again.body().get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(count("MATCH (c:ArrivalConfirmation)-[:CONFIRMS]->(:Obligation)-[:CONCERNS]->(:Person {id: $id}) RETURN count(c)",
                Map.of("id", person))).isEqualTo(1);
    }

    @Test
    @DisplayName("003 cl. 51 (3): a report from police that do not await the person, or with dates out of order, is refused with its reasons and kept for replay")
    void wrongReportsAreDeadLettered() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(6)).set("release.type", "PAROLE");
        String person = filed(record);
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", LocalDate.now().minusDays(3).toString(), "type", "PAROLE", "destinationRegion", "KZ-71",
                "sourceSystem", "KUIS", "sourceMessageId", "e9-" + person)).executeSync().getErrors()).isEmpty();

        String notTheirs = "e9-" + UUID.randomUUID();
        var reply = postJson("/intake/e9/arrivals", tokenFor("police-demo"),
                arrivalReport(notTheirs, record.iin(), LocalDate.now().minusDays(2), LocalDate.now().minusDays(1)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("arrival.notAwaited");

        String backwards = "e9-" + UUID.randomUUID();
        var dates = postJson("/intake/e9/arrivals", tokenFor("police-demo"),
                arrivalReport(backwards, record.iin(), LocalDate.now().minusDays(1), LocalDate.now().minusDays(2)));
        assertThat(dates.body().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString()))
                .contains("registeredOn dates.order");

        assertThat(count("MATCH (d:DeadLetter {exchange: 'E9'}) WHERE d.messageId IN $ids RETURN count(d)",
                Map.of("ids", List.of(notTheirs, backwards)))).isEqualTo(2);
        assertThat(arrivalDuty("kuis-demo", person)).containsEntry("status", "OPEN").containsEntry("owedBy", Map.of("code", "KZ-OVD-71"));
        // the route is the police's: the penal system's client has no business there
        assertThat(postJson("/intake/e9/arrivals", tokenFor("labour-demo"),
                arrivalReport("e9-" + UUID.randomUUID(), record.iin(), LocalDate.now(), LocalDate.now())).status()).isEqualTo(403);
    }

    private static String arrivalReport(String messageId, String iin, LocalDate arrivedOn, LocalDate registeredOn) {
        return JSON.writeValueAsString(Map.of("messageId", messageId, "iin", iin, "arrivedOn", arrivedOn.toString(),
                "registeredOn", registeredOn.toString()));
    }

    private String paroled(LocalDate releasedOn) {
        var record = ReleaseRecords.validRelease(releasedOn.plusMonths(6)).set("release.type", "PAROLE");
        String person = filed(record);
        release(person, releasedOn, "PAROLE");
        return person;
    }

    private void release(String person, LocalDate on, String type) {
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", on.toString(), "type", type, "destinationRegion", "KZ-75", "sourceSystem", "KUIS",
                "sourceMessageId", "e9-" + person)).executeSync().getErrors()).isEmpty();
    }

    private ClientGraphQlResponse confirm(String client, String person, LocalDate arrivedOn, LocalDate registeredOn) {
        return graphQl(client).document(CONFIRM).variable("input", Map.of("personId", person,
                "arrivedOn", arrivedOn.toString(), "registeredOn", registeredOn.toString())).executeSync();
    }

    private Map<String, Object> arrivalDuty(String client, String person) {
        List<Map<String, Object>> obligations = graphQl(client).document(OBLIGATIONS).variable("id", person).executeSync()
                .field("personById.obligations").getValue();
        return obligations.stream().filter(o -> "E9_ARRIVAL_CONFIRMATION".equals(o.get("kind"))).findFirst().orElse(null);
    }
}
