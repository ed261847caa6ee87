package kz.reentry.hub.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.http.HttpHeaders;

/**
 * State social order reporting (E6): one NGO of the test's own gets eight cases in the last ten days;
 * by now two were completed HOUSED and one EMPLOYED, one was handed back, one is in progress, one was
 * declined, one is still waiting and one was cancelled by the akimat. Five were accepted, four the day
 * they were assigned, one (assigned five days ago) five days later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgoCaseReportIT extends HubIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final String REPORT = """
            query ($from: Date!, $to: Date!, $ngo: ID, $asOf: DateTime) {
              ngoCaseReport(from: $from, to: $to, ngo: $ngo, asOf: $asOf) {
                ngo { code name } from to asOf
                assigned accepted declined awaitingAnswer inProgress completed handedBack cancelled
                timeToAcceptance { within cases }
                outcomes { outcome cases }
              }
            }
            """;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;
    private OffsetDateTime allAssigned;

    @BeforeAll
    void eightCases() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 20);
        String late = assign();
        // assigned five days ago (the hub has no operation that back-dates an assignment)
        driver.executableQuery("""
                MATCH (r:Referral {id: $id})-[:TRANSITION]->(t:ReferralTransition {status: 'REQUESTED'})
                SET r.requestedAt = r.requestedAt - duration({days: 5}), t.at = t.at - duration({days: 5})
                """).withParameters(Map.of("id", late)).execute();
        List<String> cases = List.of(assign(), assign(), assign(), assign(), assign(), assign(), assign());
        allAssigned = OffsetDateTime.now();
        for (String c : List.of(late, cases.get(0), cases.get(1), cases.get(2), cases.get(3))) {
            ok(ngo("acceptCase", Map.of("referralId", c)));
        }
        ok(ngo("completeCase", Map.of("input", Map.of("referralId", cases.get(0), "outcome", "HOUSED"))));
        ok(ngo("completeCase", Map.of("input", Map.of("referralId", cases.get(1), "outcome", "HOUSED"))));
        ok(ngo("startCase", Map.of("referralId", cases.get(2))));
        ok(ngo("completeCase", Map.of("input", Map.of("referralId", cases.get(2), "outcome", "EMPLOYED"))));
        ok(ngo("handBackCase", Map.of("referralId", cases.get(3), "reason", "Переехал")));
        ok(ngo("declineCase", Map.of("referralId", cases.get(4), "reason", "Нет мест")));
        ok(graphQl("akimat-demo").documentName("moveReferral").variable("input", Map.of("referralId", cases.get(6),
                "status", "CANCELLED", "note", "Назначено по ошибке")).executeSync());
    }

    @Test
    @DisplayName("to the penal system the report gives the exact counts: cases taken, how soon, what became of them, every band and outcome listed")
    void exactForThePenalSystem() {
        Map<String, Object> line = line(report("kuis-demo", null));

        assertThat(line).containsEntry("ngo", Map.of("code", ngo.code(), "name", "Test NGO " + ngo.code()))
                .containsEntry("assigned", 8).containsEntry("accepted", 5).containsEntry("declined", 1)
                .containsEntry("awaitingAnswer", 1).containsEntry("inProgress", 1).containsEntry("completed", 3)
                .containsEntry("handedBack", 1).containsEntry("cancelled", 1);
        assertThat(byKey(line.get("timeToAcceptance"), "within")).isEqualTo(Map.of("SAME_DAY", 4, "WITHIN_3_DAYS", 0,
                "WITHIN_7_DAYS", 1, "WITHIN_30_DAYS", 0, "LONGER", 0));
        assertThat(byKey(line.get("outcomes"), "outcome")).containsEntry("HOUSED", 2).containsEntry("EMPLOYED", 1)
                .containsEntry("LOST_CONTACT", 0).hasSize(9);
    }

    @Test
    @DisplayName("as of the moment all were assigned and none answered, the report is what the hub knew then")
    void asOfAPastMoment() {
        Map<String, Object> line = line(report("kuis-demo", allAssigned.toString()));

        assertThat(line).containsEntry("assigned", 8).containsEntry("awaitingAnswer", 8).containsEntry("accepted", 0)
                .containsEntry("completed", 0);
        assertThat(byKey(line.get("outcomes"), "outcome")).containsEntry("HOUSED", 0);
    }

    @Test
    @DisplayName("to an akimat, counts from 1 to 4 are withheld as small cells, 0 stays 0, and 8 is rounded to a multiple of 5")
    void smallCellsForTheAkimat() {
        var reply = report("akimat-demo", null);
        Map<String, Object> line = line(reply);

        assertThat(line.get("assigned")).isIn(5, 10);
        assertThat(line).containsEntry("accepted", 5).containsEntry("declined", null).containsEntry("completed", null);
        assertThat(byKey(line.get("timeToAcceptance"), "within")).containsEntry("SAME_DAY", null).containsEntry("LONGER", 0);
        assertThat(byKey(line.get("outcomes"), "outcome")).containsEntry("HOUSED", null).containsEntry("IN_EDUCATION", 0);
        assertThat(reply.getErrors()).isNotEmpty().allSatisfy(error -> assertThat(error.getExtensions())
                .containsEntry("reason", "SMALL_CELL"));
    }

    @Test
    @DisplayName("the CSV export is the same report under the same small-cell rule: exact to the penal system, withheld cells empty for the akimat")
    void csv() {
        String exact = csv("kuis-demo", "from=" + TODAY.minusDays(10) + "&to=" + TODAY + "&ngo=" + ngo.code()).body();
        String rounded = csv("akimat-demo", "from=" + TODAY.minusDays(10) + "&to=" + TODAY + "&ngo=" + ngo.code()).body();

        Map<String, String> kuis = csvLine(exact);
        Map<String, String> akimat = csvLine(rounded);
        assertThat(kuis).containsEntry("ngo", ngo.code()).containsEntry("assigned", "8").containsEntry("accepted", "5")
                .containsEntry("declined", "1").containsEntry("timeToAcceptance.WITHIN_7_DAYS", "1")
                .containsEntry("outcome.HOUSED", "2").containsEntry("outcome.EMPLOYED", "1").containsEntry("outcome.MOVED_AWAY", "0");
        assertThat(akimat.get("assigned")).isIn("5", "10");
        assertThat(akimat).containsEntry("accepted", "5").containsEntry("declined", "").containsEntry("outcome.HOUSED", "")
                .containsEntry("outcome.MOVED_AWAY", "0");
        assertThat(exact).doesNotContain("Переехал").doesNotContain("Нет мест");
    }

    @Test
    @DisplayName("the CSV export is refused without the end user's purpose (and the refusal logged), to an NGO, and for broken dates, naming the parameter and rule")
    void csvRefusals() {
        String endUser = DisclosureLog.uniqueEndUser("report-without-purpose");
        var withoutPurpose = http.get().uri("/reports/ngo-cases.csv?from=" + TODAY + "&to=" + TODAY)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("akimat-demo")).header("X-End-User", endUser)
                .retrieve().toEntity(String.class);

        assertThat(withoutPurpose.getStatusCode().value()).isEqualTo(400);
        assertThat(withoutPurpose.getBody()).contains("X-Purpose");
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-MIO-75"), endUser)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: NGO case report without X-End-User or X-Purpose"));
        assertThat(csv("ngo-demo", "from=" + TODAY + "&to=" + TODAY).status()).isEqualTo(403);
        var broken = csv("akimat-demo", "from=2026-13-01&to=" + TODAY);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("\"parameter\":\"from\"").contains("\"rule\":\"date\"");
        assertThat(csv("akimat-demo", "from=" + TODAY + "&to=" + TODAY.minusDays(1)).body()).contains("\"rule\":\"dates.order\"");
        assertBadRequest(graphQl("akimat-demo").document(REPORT).variable("from", TODAY.toString()).variable("to", TODAY.toString())
                .variable("ngo", "KZ-MIO-75").executeSync(), "ngo", "party.notNgo");
    }

    private ClientGraphQlResponse report(String client, String asOf) {
        var reply = graphQl(client).document(REPORT).variable("from", TODAY.minusDays(10).toString())
                .variable("to", TODAY.toString()).variable("ngo", ngo.code()).variable("asOf", asOf).executeSync();
        assertThat((Object) reply.field("ngoCaseReport").getValue()).isNotNull();
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(ClientGraphQlResponse reply) {
        List<Map<String, Object>> lines = reply.field("ngoCaseReport").getValue();
        assertThat(lines).hasSize(1);
        return lines.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> byKey(Object entries, String key) {
        Map<String, Object> counts = new HashMap<>();
        ((List<Map<String, Object>>) entries).forEach(entry -> counts.put((String) entry.get(key), entry.get("cases")));
        return counts;
    }

    private Text csv(String client, String query) {
        var reply = http.get().uri("/reports/ngo-cases.csv?" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(client))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE).retrieve().toEntity(String.class);
        return new Text(reply.getStatusCode().value(), reply.getBody());
    }

    /** The one line of a CSV answer by its header's column names. */
    private static Map<String, String> csvLine(String csv) {
        String[] lines = csv.split("\r\n");
        assertThat(lines).as(csv).hasSize(2);
        String[] header = lines[0].split(",", -1);
        String[] cells = lines[1].split(",", -1);
        assertThat(cells).as(lines[1]).hasSameSizeAs(header);
        Map<String, String> line = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            line.put(header[i], cells[i]);
        }
        return line;
    }

    private String assign() {
        var reply = graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId",
                filed(ReleaseRecords.validRelease(TODAY.plusMonths(1))), "ngo", ngo.code(), "reason", "Сопровождение")).executeSync();
        ok(reply);
        return reply.field("assignCase.id").getValue();
    }

    private ClientGraphQlResponse ngo(String operation, Map<String, Object> variables) {
        var request = graphQlWithToken(ngo.token()).documentName(operation);
        for (var variable : variables.entrySet()) {
            request = request.variable(variable.getKey(), variable.getValue());
        }
        return request.executeSync();
    }

    private static void ok(ClientGraphQlResponse reply) {
        assertThat(reply.getErrors()).as("errors").isEmpty();
    }

    private record Text(int status, String body) {
    }
}
