package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The existence of a HEALTH referral, its E3 duty and the medical part received for it is health
 * data: NGOs, employment centres, police and akimats, who all see the person, see no trace of them;
 * the health body, the penal system and probation do (access-policy.yaml, healthReferrals).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthReferralVisibilityIT extends HubIntegrationTest {

    /** A name for the caseworkers' client of the NGO this class registers (see {@link #graphQl}). */
    private static final String OWN_NGO = "own-ngo";

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;

    private String person;
    private String healthReferral;

    @BeforeAll
    void aPersonEveryPartySees() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        try {
            var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10));
            person = filed(record);
            assertThat(graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                    "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync().getErrors()).isEmpty();
            assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                    "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
            var medical = http.post().uri("/intake/e3/medical-records")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                    .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                    .contentType(MediaType.parseMediaType("application/fhir+json"))
                    .body(MedicalPartIT.medicalPart(UUID.randomUUID().toString(), record.iin(), "B20", "HIV"))
                    .retrieve().toBodilessEntity();
            assertThat(medical.getStatusCode().value()).isEqualTo(200);
            healthReferral = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                    "kind", "HEALTH", "to", "KZ-UZ-75", "reason", "АРВ-терапия")).executeSync()
                    .field("openReferral.id").getValue();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff) WHERE h.receiver IS NOT NULL RETURN count(h)",
                    Map.of("id", healthReferral)) == 1 && count("MATCH (o:Obligation {id: $id}) RETURN count(o)",
                    Map.of("id", healthReferral + "/E3/KZ-UZ-75")) == 1);
        } finally {
            HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.OK);
        }
    }

    @ParameterizedTest(name = "{0} sees the person but no HEALTH referral, E3 duty or E3 message, on any path")
    @ValueSource(strings = {OWN_NGO, "labour-demo", "police-demo", "akimat-demo"})
    @DisplayName("parties outside health care see no trace of the HEALTH referral")
    void noTrace(String client) {
        var personCase = graphQl(client).documentName("personCase").variable("id", person).executeSync();
        assertThat((Object) personCase.field("personById.id").getValue()).as("sees the person").isEqualTo(person);
        List<Map<String, Object>> referrals = personCase.field("personById.referrals").getValue();
        assertThat(referrals).isNotEmpty().noneMatch(r -> "HEALTH".equals(r.get("kind")));
        List<Map<String, Object>> obligations = personCase.field("personById.obligations").getValue();
        assertThat(obligations).noneMatch(o -> "E3_HANDOFF_ACKNOWLEDGEMENT".equals(o.get("kind")));

        assertThat(ids(graphQl(client).documentName("referrals").variable("kind", "HEALTH").variable("first", 100)
                .executeSync().field("referrals.edges").getValue())).doesNotContain(healthReferral);
        assertThat(ids(graphQl(client).documentName("dueObligations").variable("until", LocalDate.now().plusDays(30).toString())
                .executeSync().field("dueObligations.edges").getValue())).doesNotContain(healthReferral + "/E3/KZ-UZ-75");
        List<Map<String, Object>> events = graphQl(client).documentName("caseTimeline").variable("personId", person)
                .variable("first", 100).executeSync().field("caseTimeline.edges").getValue();
        assertThat(events).isNotEmpty().extracting(e -> String.valueOf(((Map<?, ?>) e.get("node")).get("summary")))
                .noneMatch(summary -> summary.contains("HEALTH") || summary.startsWith("E3") || summary.contains("E3_"));
        if (!client.equals("police-demo") && !client.equals(OWN_NGO)) {
            var move = graphQl(client).documentName("moveReferral").variable("input", Map.of("referralId", healthReferral,
                    "status", "CANCELLED", "note", "probe")).executeSync();
            assertErrorType(move, "NOT_FOUND");
        }
    }

    @ParameterizedTest(name = "{0} sees the HEALTH referral, its E3 duty and its timeline")
    @ValueSource(strings = {"health-demo", "kuis-demo", "probation-demo"})
    @DisplayName("the health body, the penal system and probation see the HEALTH referral and its E3 duty")
    void seenByHealthCare(String client) {
        var personCase = graphQl(client).documentName("personCase").variable("id", person).executeSync();
        List<Map<String, Object>> referrals = personCase.field("personById.referrals").getValue();
        assertThat(referrals).anyMatch(r -> healthReferral.equals(r.get("id")));
        List<Map<String, Object>> obligations = personCase.field("personById.obligations").getValue();
        assertThat(obligations).anyMatch(o -> "E3_HANDOFF_ACKNOWLEDGEMENT".equals(o.get("kind")));
        List<Map<String, Object>> events = graphQl(client).documentName("caseTimeline").variable("personId", person)
                .variable("first", 100).executeSync().field("caseTimeline.edges").getValue();
        assertThat(events).extracting(e -> String.valueOf(((Map<?, ?>) e.get("node")).get("summary")))
                .anyMatch(summary -> summary.startsWith("HEALTH referral"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Object edges) {
        return ((List<Map<String, Object>>) edges).stream()
                .map(e -> (String) ((Map<String, Object>) e.get("node")).get("id")).toList();
    }

    /** The NGO this class registers for itself, so that its cases and capacity are this class's alone; asked for as {@value #OWN_NGO}. */
    @Override
    protected HttpSyncGraphQlClient graphQl(String clientId) {
        return OWN_NGO.equals(clientId) ? graphQlWithToken(ngo.token()) : super.graphQl(clientId);
    }
}
