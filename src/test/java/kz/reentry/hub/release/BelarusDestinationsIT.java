package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/** Order 392 is Kazakh law; a destination in Belarus follows Belarus's resolution No. 15 where the graph holds the arrival. */
class BelarusDestinationsIT extends HubIntegrationTest {

    private static final String ARRIVE = """
            mutation ($input: OpenInstitutionArrivalInput!) {
              arriveAtOpenInstitution(input: $input) { id kind dueOn status dueDateProvisional owedBy { code } region { code } }
            }""";
    private static final String STEP = """
            mutation ($input: OpenInstitutionStepInput!) { recordOpenInstitutionStep(input: $input) { kind status } }""";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Test
    @DisplayName("order 392 cl. 50: a release record whose chosen residence is in Belarus makes no E1 notice")
    void noNoticeForBelarus() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.now().plusMonths(18)).set("release.residenceRegion", "BY-HM"));

        assertThat(obligations(id, "E1_RELEASE_NOTICE", null)).isZero();
    }

    @Test
    @DisplayName("order 392 cl. 50: a residence corrected from Almaty to Minsk withdraws the Almaty notice and opens none for Minsk")
    void residenceMovedToBelarus() {
        ReleaseRecords record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(18));
        String id = filed(record);
        assertThat(obligations(id, "E1_RELEASE_NOTICE", "OPEN")).isOne();

        filed(record.newMessage().set("release.residenceRegion", "BY-HM"));

        assertThat(obligations(id, "E1_RELEASE_NOTICE", "OPEN")).isZero();
        assertThat(count("MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:CONCERNS]->(:Person {id: $id})"
                + " WHERE o.withdrawnFor = 'BY-HM' RETURN count(o)", Map.of("id", id))).isOne();
    }

    @Test
    @DisplayName("order 392 cl. 43: a release recorded to a destination in Belarus owes no E2 programme and sends none")
    void noProgrammeForBelarus() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(20)));

        var reply = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", id,
                "date", LocalDate.now().toString(), "type", "END_OF_TERM", "destinationRegion", "BY-BR",
                "sourceSystem", "KUIS")).executeSync();

        assertThat(reply.getErrors()).isEmpty();
        assertThat(obligations(id, "E2_PROGRAMME_DELIVERY", null)).isZero();
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E2'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(m)",
                Map.of("id", id))).isZero();
    }

    @Test
    @DisplayName("resolution 15 cl. 15, 18, 19: an arrival at an ИУОТ on Thursday 2 July 2026 makes the registration due that day and the medical examination 8 July (3 July is a holiday of the Labour Code of BY art. 147), provisional while Belarus's 2026 transfers are not entered")
    void resolution15Duties() {
        HttpSyncGraphQlClient din = belarusPenalSystem();
        String id = belarusPerson(din);

        var reply = din.document(ARRIVE).variable("input", arrival(id, "2026-07-02")).executeSync();

        assertThat(reply.getErrors()).isEmpty();
        List<Map<String, Object>> duties = reply.field("arriveAtOpenInstitution").getValue();
        assertThat(duties).extracting(d -> d.get("kind"), d -> d.get("dueOn"), d -> d.get("status"),
                        d -> d.get("dueDateProvisional"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BY_OPEN_INSTITUTION_REGISTRATION", "2026-07-02", "OPEN", true),
                        org.assertj.core.groups.Tuple.tuple("BY_OPEN_INSTITUTION_MEDICAL_EXAMINATION", "2026-07-08", "OPEN", true));
        assertThat(duties).allSatisfy(d -> assertThat(d.get("owedBy")).isEqualTo(Map.of("code", "BY-IUOT-" + id.substring(0, 8))));

        var met = din.document(STEP).variable("input", Map.of("personId", id, "step", "MEDICAL_EXAMINATION",
                "on", "2026-07-06")).executeSync();
        assertThat(met.getErrors()).isEmpty();
        assertThat((Object) met.field("recordOpenInstitutionStep.status").getValue()).isEqualTo("MET");
    }

    @Test
    @DisplayName("resolution 15 cl. 18, 19 with the Labour Code of BY art. 147: arrived on Saturday 7 November 2026 (a holiday that does not move), registration due Monday 9th, examination Wednesday 11th")
    void arrivalOnAHolidayOnASaturday() {
        HttpSyncGraphQlClient din = belarusPenalSystem();
        String id = belarusPerson(din);

        List<Map<String, Object>> duties = din.document(ARRIVE).variable("input", arrival(id, "2026-11-07")).executeSync()
                .field("arriveAtOpenInstitution").getValue();

        assertThat(duties).extracting(d -> d.get("dueOn")).containsExactly("2026-11-09", "2026-11-11");
    }

    @Test
    @DisplayName("resolution 15 is Belarus's: a Kazakh body may not record an ИУОТ arrival of its own person, nor see a Belarus one, nor Belarus's penal system record one in a Kazakh region")
    void onlyBelarus() {
        HttpSyncGraphQlClient din = belarusPenalSystem();
        String id = belarusPerson(din);
        String kazakh = filed(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2)));

        assertErrorType(graphQl("kuis-demo").document(ARRIVE).variable("input", arrival(kazakh, "2026-07-02")).executeSync(),
                "FORBIDDEN");
        assertErrorType(graphQl("kuis-demo").document(ARRIVE).variable("input", arrival(id, "2026-07-02")).executeSync(),
                "NOT_FOUND");
        var inKazakhstan = new java.util.HashMap<>(arrival(id, "2026-07-02"));
        inKazakhstan.put("region", "KZ-75");
        assertBadRequest(din.document(ARRIVE).variable("input", inKazakhstan).executeSync(), "input.region",
                "region.jurisdiction");
    }

    private Map<String, Object> arrival(String personId, String on) {
        return Map.of("personId", personId, "institution", "BY-IUOT-" + personId.substring(0, 8),
                "institutionName", "ИУОТ (тест)", "region", "BY-HM", "arrivedOn", on);
    }

    private HttpSyncGraphQlClient belarusPenalSystem() {
        return graphQlWithToken(new HubTokens(hubSigningKeys).issue("by-din-" + UUID.randomUUID(), "BY-DIN", "BY",
                List.of("PERSON_READ", "PERSON_STATE_WRITE", "IDENTITY_WRITE")));
    }

    /** A convict of Belarus's, registered by its penal system with a personal number. */
    static String belarusPerson(HttpSyncGraphQlClient din) {
        String number = "3" + (System.nanoTime() % 900000 + 100000) + "A001PB1";
        var reply = din.documentName("registerPerson").variable("input", Map.of("surname", "Жукович", "givenName", "Павел",
                "birthDate", "1990-02-03", "sex", "MALE", "citizenship", "BY",
                "identity", Map.of("kind", "BY_PERSONAL_NUMBER", "number", number, "country", "BY"))).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("registerPerson.id").getValue();
    }

    private long obligations(String personId, String kind, String status) {
        return count("MATCH (o:Obligation {kind: $kind})-[:CONCERNS]->(:Person {id: $id})"
                + " WHERE $status IS NULL OR o.status = $status RETURN count(o)",
                kz.reentry.hub.graph.Cypher.params("kind", kind, "id", personId, "status", status));
    }
}
