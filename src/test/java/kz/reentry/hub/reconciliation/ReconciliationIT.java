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
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * E8 against the running hub: the sources' lists compared person by person (instruction No. 7, seed 003 cl. 29,
 * 49, 52), who may read them, and the reports' due days (cl. 66, 67). Each test has a region and a period of its
 * own, long past, so that no other test's persons are in the hub's facts it compares with.
 */
class ReconciliationIT extends HubIntegrationTest {

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Autowired
    ReconciliationReports reports;

    @Test
    @DisplayName("003 cl. 52: a parolee the police do not list is named, with the police as the source that lacks them, and the totals per source")
    void personMissingFromOneSource() {
        String region = "KZ-59";
        String from = "2002-01-01";
        String to = "2002-06-30";
        Filed ahmetov = parolee("Ахметов", region, "2002-02-01");
        Filed bekova = parolee("Бекова", region, "2002-03-15");
        String unknownIin = TestIins.forBirthDate(LocalDate.of(1985, 3, 3));

        submit(graphQl("court-demo"), "PAROLEE", region, from, to, List.of(line(ahmetov), line(bekova),
                Map.of("iin", unknownIin, "surname", "Сейітов", "givenName", "Нұрлан")));
        submit(source("KZ-KPSISU", "KZ"), "PAROLEE", region, from, to, List.of(line(ahmetov), line(bekova)));
        submit(source("KZ-OVD-59", region), "PAROLEE", region, from, to, List.of(line(ahmetov)));

        String endUser = DisclosureLog.uniqueEndUser("reconciliation-reader");
        var reply = DisclosureLog.as(graphQl("prosecutor-demo"), endUser).documentName("reconciliation")
                .variable("region", region).variable("category", "PAROLEE").variable("from", from).variable("to", to)
                .executeSync();
        Map<String, Object> reconciliation = reply.field("reconciliation").toEntity(Map.class);

        assertThat(reconciliation).containsEntry("agreed", false).containsEntry("frequency", "HALF_YEARLY");
        assertThat(totals(reconciliation)).containsEntry("COURT", 3).containsEntry("LEGAL_STATISTICS", 2)
                .containsEntry("POLICE", 1).containsEntry("HUB", 2);
        List<Map<String, Object>> discrepancies = list(reconciliation.get("discrepancies"));
        assertThat(discrepancies).hasSize(2);
        assertThat(discrepancies).filteredOn(d -> bekova.iin().equals(d.get("iin"))).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("surname", "Бекова")
                    .containsEntry("listedBy", List.of("COURT", "LEGAL_STATISTICS", "HUB"))
                    .containsEntry("missingFrom", List.of("POLICE"));
            assertThat(map(d.get("person"))).containsEntry("id", bekova.id());
        });
        assertThat(discrepancies).filteredOn(d -> unknownIin.equals(d.get("iin"))).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("surname", "Сейітов").containsEntry("person", null)
                    .containsEntry("listedBy", List.of("COURT"))
                    .containsEntry("missingFrom", List.of("POLICE", "LEGAL_STATISTICS", "HUB"));
        });
        // the read is a disclosure about the persons listed, this request's own entry
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", bekova.id()), endUser))
                .singleElement().satisfies(e -> {
                    assertThat(e).containsEntry("outcome", "DISCLOSED");
                    assertThat(String.valueOf(e.get("fields"))).contains("Discrepancy.surname", "Discrepancy.iin");
                });
    }

    @Test
    @DisplayName("003 cl. 49: the court's and probation's lists agreeing with the hub make no discrepancy; a later list replaces the earlier")
    void sourcesAgreeing() {
        String region = "KZ-59";
        String from = "2003-01-01";
        String to = "2003-03-31";
        Filed probationer = inState("Қасымова", "PROBATIONER", region, "2003-01-10");
        submit(graphQl("court-demo"), "PROBATIONER", region, from, to, List.of(line(probationer)));
        HttpSyncGraphQlClient probation = source("KZ-SP-59", region);
        submit(probation, "PROBATIONER", region, from, to, List.of());
        assertThat(reconcile(graphQl("prosecutor-demo"), region, "PROBATIONER", from, to).get("agreed")).isEqualTo(false);

        submit(probation, "PROBATIONER", region, from, to, List.of(line(probationer)));
        Map<String, Object> reconciliation = reconcile(graphQl("prosecutor-demo"), region, "PROBATIONER", from, to);

        assertThat(reconciliation).containsEntry("agreed", true).containsEntry("frequency", "QUARTERLY")
                .containsEntry("clauses", List.of("003 cl. 49"));
        assertThat(list(reconciliation.get("discrepancies"))).isEmpty();
        assertThat(totals(reconciliation)).containsEntry("COURT", 1).containsEntry("PROBATION", 1).containsEntry("HUB", 1)
                .doesNotContainKey("POLICE");
    }

    @Test
    @DisplayName("003 cl. 29, 52: a source that gave no list is shown as missing, and the reconciliation is not agreed")
    void missingStatement() {
        Map<String, Object> reconciliation = reconcile(graphQl("prosecutor-demo"), "KZ-59", "UNDER_ADMINISTRATIVE_SUPERVISION",
                "2004-01-01", "2004-06-30");

        assertThat(reconciliation).containsEntry("agreed", false);
        assertThat(list(reconciliation.get("sources"))).filteredOn(s -> s.get("source").equals("POLICE")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("submitted", false).containsEntry("expected", true)
                        .containsEntry("persons", null));
    }

    @Test
    @DisplayName("003 cl. 52: a regional prosecutor's office reconciles its own region; another region is refused, and the refusal logged")
    void regionalProsecutorWithinItsRegion() {
        String region = "KZ-61";
        Filed parolee = parolee("Омаров", region, "2005-02-01");
        submit(graphQl("court-demo"), "PAROLEE", region, "2005-01-01", "2005-06-30", List.of());
        String token = new HubTokens(hubSigningKeys).issue("regional-prosecutor-" + UUID.randomUUID(), "KZ-PR-61", region,
                List.of("PERSON_READ", "RECONCILIATION"));

        Map<String, Object> own = reconcile(graphQlWithToken(token), region, "PAROLEE", "2005-01-01", "2005-06-30");
        assertThat(list(own.get("discrepancies"))).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("iin", parolee.iin()).containsEntry("missingFrom", List.of("COURT"));
            assertThat(map(d.get("person"))).containsEntry("id", parolee.id());
        });

        String endUser = DisclosureLog.uniqueEndUser("regional-prosecutor-elsewhere");
        var elsewhere = DisclosureLog.as(graphQlWithToken(token), endUser).documentName("reconciliation")
                .variable("region", "KZ-59").variable("category", "PAROLEE").variable("from", "2002-01-01")
                .variable("to", "2002-06-30").executeSync();
        assertRefusedAndLogged(elsewhere, endUser, "its own region");
    }

    @Test
    @DisplayName("003 cl. 29, 49, 52: only prosecutors read reconciliations: another party is refused by role, or by its kind with the role, and each refusal is logged")
    void nonProsecutorsRefused() {
        String byRole = DisclosureLog.uniqueEndUser("police-reads-reconciliation");
        var police = DisclosureLog.as(graphQl("police-demo"), byRole).documentName("reconciliation")
                .variable("region", "KZ-75").variable("category", "PAROLEE").variable("from", "2002-01-01")
                .variable("to", "2002-06-30").executeSync();
        assertRefusedAndLogged(police, byRole, "roles do not allow");

        String byKind = DisclosureLog.uniqueEndUser("akimat-with-the-role");
        String akimat = new HubTokens(hubSigningKeys).issue("akimat-" + UUID.randomUUID(), "KZ-MIO-75", "KZ-75",
                List.of("PERSON_READ", "RECONCILIATION"));
        var reply = DisclosureLog.as(graphQlWithToken(akimat), byKind).documentName("reconciliation")
                .variable("region", "KZ-75").variable("category", "PAROLEE").variable("from", "2002-01-01")
                .variable("to", "2002-06-30").executeSync();
        assertRefusedAndLogged(reply, byKind, "only a prosecutor's office");
    }

    @Test
    @DisplayName("003 cl. 52: a source is the caller's party: police give lists for their own region only, a party that is no source none")
    void sourcesAreTheCallersParty() {
        var police = source("KZ-OVD-59", "KZ-59").documentName("submitReconciliationStatement")
                .variable("input", statement("PAROLEE", "KZ-75", "2002-01-01", "2002-06-30", List.of())).executeSync();
        assertErrorType(police, "FORBIDDEN");

        var akimat = graphQlWithToken(new HubTokens(hubSigningKeys).issue("akimat-" + UUID.randomUUID(), "KZ-MIO-75", "KZ-75",
                        List.of("RECONCILIATION_SUBMIT"))).documentName("submitReconciliationStatement")
                .variable("input", statement("PAROLEE", "KZ-75", "2002-01-01", "2002-06-30", List.of())).executeSync();
        assertErrorType(akimat, "FORBIDDEN");

        var badIin = graphQl("police-demo").documentName("submitReconciliationStatement")
                .variable("input", statement("PAROLEE", "KZ-75", "2002-01-01", "2002-06-30",
                        List.of(Map.of("iin", "90010130080x", "surname", "Иванов", "givenName", "Иван")))).executeSync();
        assertBadRequest(badIin, "input.persons[0].iin", "iin.format");

        var same = statement("PAROLEE", "KZ-75", "2006-01-01", "2006-06-30", List.of());
        String first = graphQl("police-demo").documentName("submitReconciliationStatement").variable("input", same)
                .executeSync().field("submitReconciliationStatement.id").getValue();
        var again = graphQl("police-demo").documentName("submitReconciliationStatement").variable("input", same).executeSync();
        assertThat(again.field("submitReconciliationStatement.id").<String>getValue()).as("the same list sent again").isEqualTo(first);
        assertThat(again.field("submitReconciliationStatement.source").<String>getValue()).isEqualTo("POLICE");
    }

    @Test
    @DisplayName("003 cl. 66, 67: each regional office owes the quarterly report by the 5th of the next month, the half-yearly by 5 July and 5 January, the yearly adaptation report by 5 January, moved back to a working day")
    void reportSchedule() {
        reports.openDuties(LocalDate.of(2041, 5, 10));
        String regional = new HubTokens(hubSigningKeys).issue("regional-prosecutor-" + UUID.randomUUID(), "KZ-PR-59", "KZ-59",
                List.of("PERSON_READ", "RECONCILIATION"));

        var due = overdue(graphQlWithToken(regional), "KZ-59", "2042-01-10");
        assertThat(due).filteredOn(o -> String.valueOf(o.get("id")).contains("/2041")).extracting(o -> o.get("kind") + " " + o.get("dueOn"))
                .containsExactlyInAnyOrder("E8_QUARTERLY_RECONCILIATION 2041-07-05", "E8_HALF_YEARLY_RECONCILIATION 2041-07-05",
                        // 5 January 2042 is a Sunday, and 1-2 January are holidays: Friday the 3rd
                        "E8_YEARLY_ADAPTATION_REPORT 2042-01-03");
        assertThat(due).allSatisfy(o -> {
            assertThat(o.get("person")).isNull();
            assertThat(map(o.get("owedBy"))).containsEntry("code", "KZ-PR-59");
        });
        assertThat(overdue(graphQlWithToken(regional), "KZ-59", "2041-07-05"))
                .filteredOn(o -> String.valueOf(o.get("id")).contains("/2041")).as("not overdue on the due day").isEmpty();
        assertThat(overdue(graphQl("prosecutor-demo"), "KZ-59", "2041-07-06")).as("the national office sees its regions' duties")
                .filteredOn(o -> String.valueOf(o.get("id")).contains("/2041")).hasSize(2);
        assertThat(overdue(graphQl("kuis-demo"), "KZ-59", "2042-01-10")).as("the penal system owes none of them, and sees none")
                .noneMatch(o -> String.valueOf(o.get("kind")).startsWith("E8_"));

        var otherOffice = graphQlWithToken(new HubTokens(hubSigningKeys).issue("regional-prosecutor-" + UUID.randomUUID(),
                "KZ-PR-75", "KZ-75", List.of("RECONCILIATION"))).documentName("recordReconciliationReport")
                .variable("input", Map.of("region", "KZ-59", "report", "QUARTERLY", "year", 2041, "period", 2)).executeSync();
        assertErrorType(otherOffice, "FORBIDDEN");

        Map<String, Object> met = graphQlWithToken(regional).documentName("recordReconciliationReport")
                .variable("input", Map.of("region", "KZ-59", "report", "QUARTERLY", "year", 2041, "period", 2)).executeSync()
                .field("recordReconciliationReport").toEntity(Map.class);
        assertThat(met).containsEntry("status", "MET").containsEntry("kind", "E8_QUARTERLY_RECONCILIATION")
                .containsEntry("dueOn", "2041-07-05").containsEntry("late", false);
        assertThat(overdue(graphQlWithToken(regional), "KZ-59", "2042-01-10")).filteredOn(o -> String.valueOf(o.get("id")).contains("/2041"))
                .extracting(o -> o.get("kind")).containsExactly("E8_HALF_YEARLY_RECONCILIATION", "E8_YEARLY_ADAPTATION_REPORT");
    }

    // --- helpers

    private record Filed(String id, String iin, String surname) {
    }

    private Filed parolee(String surname, String region, String from) {
        return inState(surname, "PAROLEE", region, from);
    }

    private Filed inState(String surname, String kind, String region, String from) {
        ReleaseRecords record = ReleaseRecords.validRelease(LocalDate.of(2041, 6, 1)).set("person.surname", surname);
        String id = filed(record);
        graphQl("kuis-demo").documentName("recordPersonState").variable("input", Map.of("personId", id, "kind", kind,
                "from", from, "region", region, "sourceSystem", "ЕРДР", "sourceMessageId", "e8-" + UUID.randomUUID()))
                .executeSync().field("recordPersonState.id").getValue();
        return new Filed(id, record.iin(), surname);
    }

    private static Map<String, Object> line(Filed person) {
        return Map.of("iin", person.iin(), "surname", person.surname(), "givenName", "Әйгерім");
    }

    private static Map<String, Object> statement(String category, String region, String from, String to,
                                                 List<Map<String, Object>> persons) {
        Map<String, Object> input = new HashMap<>();
        input.put("messageId", "e8-" + UUID.randomUUID());
        input.put("category", category);
        input.put("region", region);
        input.put("from", from);
        input.put("to", to);
        input.put("persons", persons);
        return input;
    }

    private void submit(HttpSyncGraphQlClient client, String category, String region, String from, String to,
                        List<Map<String, Object>> persons) {
        var reply = client.documentName("submitReconciliationStatement")
                .variable("input", statement(category, region, from, to, persons)).executeSync();
        assertThat(reply.getErrors()).as("errors of the list").isEmpty();
        assertThat(reply.field("submitReconciliationStatement.persons").<Integer>getValue()).isEqualTo(persons.size());
    }

    private HttpSyncGraphQlClient source(String agency, String region) {
        return graphQlWithToken(new HubTokens(hubSigningKeys).issue("source-" + UUID.randomUUID(), agency, region,
                List.of("RECONCILIATION_SUBMIT")));
    }

    private static Map<String, Object> reconcile(HttpSyncGraphQlClient client, String region, String category, String from,
                                                 String to) {
        var reply = client.documentName("reconciliation").variable("region", region).variable("category", category)
                .variable("from", from).variable("to", to).executeSync();
        assertThat(reply.getErrors()).as("errors of the reconciliation").isEmpty();
        return reply.field("reconciliation").toEntity(Map.class);
    }

    private static Map<String, Object> totals(Map<String, Object> reconciliation) {
        Map<String, Object> totals = new HashMap<>();
        list(reconciliation.get("sources")).stream().filter(s -> Boolean.TRUE.equals(s.get("submitted")))
                .forEach(s -> totals.put((String) s.get("source"), s.get("persons")));
        return totals;
    }

    private List<Map<String, Object>> overdue(HttpSyncGraphQlClient client, String region, String asOf) {
        return list(client.documentName("overdueObligations").variable("region", region).variable("asOf", asOf)
                .variable("first", 100).executeSync().field("overdueObligations.edges").getValue()).stream()
                .map(e -> map(e.get("node"))).toList();
    }

    private void assertRefusedAndLogged(ClientGraphQlResponse reply, String endUser, String reason) {
        assertThat((Object) reply.field("reconciliation").getValue()).isNull();
        assertThat(reply.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
            assertThat(error.getMessage()).contains(reason);
        });
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of(), endUser)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "REFUSED"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
