package kz.reentry.hub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * E8 lists in, by the mutation and by the sources' own systems over POST /intake/e8/statements: one message id
 * is one list (instruction No. 7, 003 cl. 29, 49, 52), a list that breaks a rule is refused with every reason and
 * kept for replay, and each list filed is a disclosure about the persons it names. Each test has a period of its
 * own, long past, so that no other test's lists or persons are compared with its own.
 */
class StatementIntakeIT extends HubIntegrationTest {

    private static final String ROUTE = "/intake/e8/statements";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Test
    @DisplayName("003 cl. 52: a messageId sent again with another list is refused as messageId.reused; the same list again is the list already taken")
    void messageIdReusedWithOtherContent() {
        String region = "KZ-75";
        Map<String, Object> first = statement("e8-" + UUID.randomUUID(), "PAROLEE", region, "2011-01-01", "2011-06-30",
                List.of(person(TestIins.forBirthDate(LocalDate.of(1981, 1, 1)), "Ахметов")));
        String id = graphQl("police-demo").documentName("submitReconciliationStatement").variable("input", first)
                .executeSync().field("submitReconciliationStatement.id").getValue();

        Map<String, Object> other = new HashMap<>(first);
        other.put("persons", List.of(person(TestIins.forBirthDate(LocalDate.of(1982, 2, 2)), "Бекова")));
        var reused = graphQl("police-demo").documentName("submitReconciliationStatement").variable("input", other).executeSync();
        assertBadRequest(reused, "input.messageId", "messageId.reused");
        assertThat(reused.getErrors().getFirst().getMessage()).contains("new messageId");

        var again = graphQl("police-demo").documentName("submitReconciliationStatement").variable("input", first).executeSync();
        assertThat(again.getErrors()).isEmpty();
        assertThat(again.field("submitReconciliationStatement.id").<String>getValue()).isEqualTo(id);
        assertThat(count("MATCH (:ReconciliationStatement {id: $id})-[:LISTS]->(l:StatementLine) RETURN count(l)",
                Map.of("id", id))).as("the list first taken, unchanged").isEqualTo(1);
        assertThat(count("MATCH (l:StatementLine {surname: 'Бекова'})<-[:LISTS]-(:ReconciliationStatement {id: $id}) RETURN count(l)",
                Map.of("id", id))).isZero();
    }

    @Test
    @DisplayName("003 cl. 52: submitting a list writes this request's disclosure entry, naming the persons of the list")
    void submittingIsDisclosed() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2041, 6, 1)).set("person.surname", "Жүсіпова");
        String known = filed(record);
        String unknownIin = TestIins.forBirthDate(LocalDate.of(1983, 3, 3));
        String endUser = DisclosureLog.uniqueEndUser("e8-list-sender");

        var reply = DisclosureLog.as(graphQl("police-demo"), endUser).documentName("submitReconciliationStatement")
                .variable("input", statement("e8-" + UUID.randomUUID(), "PAROLEE", "KZ-75", "2012-01-01", "2012-06-30",
                        List.of(person(record.iin(), "Жүсіпова"), person(unknownIin, "Сейітов")))).executeSync();
        assertThat(reply.getErrors()).isEmpty();

        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", known), endUser)).singleElement()
                .satisfies(e -> {
                    assertThat(e).containsEntry("outcome", "WRITTEN").containsEntry("agency", "KZ-OVD-75");
                    assertThat(e.get("operation").toString()).contains("submitReconciliationStatement");
                    assertThat(StatementIntakeIT.<String>list(e.get("persons"))).containsExactlyInAnyOrder(known, "iin:" + unknownIin);
                });
    }

    @Test
    @DisplayName("003 cl. 52: the police system's list over POST /intake/e8/statements is filed as the police's, shown in the reconciliation, disclosed, and a resend is a duplicate")
    void listOverTheInboundRoute() {
        String region = "KZ-59";
        String from = "2013-01-01";
        String to = "2013-06-30";
        String iin = TestIins.forBirthDate(LocalDate.of(1984, 4, 4));
        String messageId = "ovd-59-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(statement(messageId, "PAROLEE", region, from, to, List.of(person(iin, "Омаров"))));
        String token = source("KZ-OVD-59");
        String endUser = DisclosureLog.uniqueEndUser("e8-police-system");

        var reply = post(token, body, endUser);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(reply.body().get("source").asString()).isEqualTo("POLICE");

        Map<String, Object> reconciliation = graphQl("prosecutor-demo").documentName("reconciliation").variable("region", region)
                .variable("category", "PAROLEE").variable("from", from).variable("to", to).executeSync()
                .field("reconciliation").toEntity(Map.class);
        assertThat(StatementIntakeIT.<Map<String, Object>>list(reconciliation.get("sources"))).filteredOn(s -> "POLICE".equals(s.get("source"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("submitted", true).containsEntry("persons", 1)
                        .containsEntry("submittedBy", Map.of("code", "KZ-OVD-59")));
        assertThat(StatementIntakeIT.<Map<String, Object>>list(reconciliation.get("discrepancies"))).filteredOn(d -> iin.equals(d.get("iin"))).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("listedBy", List.of("POLICE")));
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of(), endUser)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "WRITTEN").containsEntry("persons", List.of("iin:" + iin)));

        var again = post(token, JSON.writeValueAsString(JSON.readTree(body)), endUser);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("statementId").asString()).isEqualTo(reply.body().get("statementId").asString());

        var reused = post(token, JSON.writeValueAsString(statement(messageId, "PAROLEE", region, from, to, List.of())), endUser);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body().get("errors").get(0).get("rule").asString()).isEqualTo("messageId.reused");
        assertThat(count("MATCH (s:ReconciliationStatement {messageId: $id}) RETURN count(s)", Map.of("id", messageId))).isEqualTo(1);
        // the route is the sources': a client without the role has no business there
        assertThat(post(tokenFor("akimat-demo"), body, endUser).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("003 cl. 52: a list with a bad IIN, an unknown category and another region than the sender's is refused with every reason and kept as an E8 dead letter")
    void brokenListsAreDeadLettered() {
        String messageId = "ovd-59-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(statement(messageId, "PAROLEES", "KZ-75", "2014-01-01", "2014-06-30",
                List.of(person("90010130080x", "Иванов"))));

        var reply = post(source("KZ-OVD-59"), body, DisclosureLog.uniqueEndUser("e8-broken"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString()))
                .containsExactlyInAnyOrder("category category.unknown", "region region.notServed", "persons[0].iin iin.format");
        String deadLetter = reply.body().get("deadLetterId").asString();
        assertThat(count("""
                MATCH (d:DeadLetter {id: $id, exchange: 'E8', messageId: $messageId, senderAgency: 'KZ-OVD-59',
                                     replayTo: 'direct:e8-statement', status: 'PENDING'}) RETURN count(d)""",
                Map.of("id", deadLetter, "messageId", messageId))).isEqualTo(1);
        assertThat(count("MATCH (s:ReconciliationStatement {messageId: $id}) RETURN count(s)", Map.of("id", messageId))).isZero();
    }

    @Test
    @DisplayName("003 cl. 52: a dead-lettered list replayed after correction is filed as the sender's list, not the operator's")
    void replayedAfterCorrection() {
        String messageId = "ovd-59-" + UUID.randomUUID();
        String iin = TestIins.forBirthDate(LocalDate.of(1986, 6, 6));
        Map<String, Object> wrong = statement(messageId, "PAROLEE", "KZ-75", "2015-01-01", "2015-06-30", List.of(person(iin, "Нұров")));
        String deadLetter = post(source("KZ-OVD-59"), JSON.writeValueAsString(wrong), DisclosureLog.uniqueEndUser("e8-replay"))
                .body().get("deadLetterId").asString();

        Map<String, Object> corrected = new HashMap<>(wrong);
        corrected.put("region", "KZ-59");
        var replay = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetter)
                .variable("correctedPayload", JSON.writeValueAsString(corrected)).executeSync();

        assertThat(replay.getErrors()).isEmpty();
        assertThat((Object) replay.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        assertThat((Object) replay.field("replayDeadLetter.deadLetter.status").getValue()).isEqualTo("REPLAYED");
        assertThat(count("""
                MATCH (s:ReconciliationStatement {messageId: $id, source: 'POLICE', submittedBy: 'KZ-OVD-59', regionCode: 'KZ-59'})
                      -[:LISTS]->(:StatementLine {iin: $iin}) RETURN count(s)""", Map.of("id", messageId, "iin", iin))).isEqualTo(1);
    }

    // --- helpers

    private Reply post(String token, String json, String endUser) {
        return http.post().uri(ROUTE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange((request, response) -> {
                    String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Reply(response.getStatusCode().value(), text.isBlank() ? null : JSON.readTree(text));
                });
    }

    /** A token of a regional source's system: the region comes from the party's reference data, not from here. */
    private String source(String agency) {
        return new HubTokens(hubSigningKeys).issue("source-" + UUID.randomUUID(), agency, "KZ-" + agency.substring(agency.length() - 2),
                List.of("RECONCILIATION_SUBMIT"));
    }

    private static Map<String, Object> person(String iin, String surname) {
        return Map.of("iin", iin, "surname", surname, "givenName", "Әйгерім");
    }

    private static Map<String, Object> statement(String messageId, String category, String region, String from, String to,
                                                 List<Map<String, Object>> persons) {
        Map<String, Object> input = new HashMap<>();
        input.put("messageId", messageId);
        input.put("category", category);
        input.put("region", region);
        input.put("from", from);
        input.put("to", to);
        input.put("persons", persons);
        return input;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
