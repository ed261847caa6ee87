package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;

/**
 * E6: a case is assigned to an NGO only under a memorandum, contract or state social order in force
 * on the day and covering where the person goes (the recorded release's region, else the planned
 * residence), and within its capacity. Each test registers its own NGO without agreements and gives
 * it the ones the test is about; persons go to Almaty (KZ-75) unless the test says otherwise.
 */
class NgoAgreementIT extends HubIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;

    @BeforeEach
    void anNgoWithoutAgreements() {
        ngo = TestNgo.registerWithoutAgreement(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
    }

    @Test
    @DisplayName("an NGO with no agreement, or none in force today, gets no case: BAD_REQUEST ngo.agreement naming the day")
    void noAgreementInForce() {
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(2)));
        assertRefused(assign("akimat-demo", person), "ngo.agreement", TODAY.toString());

        ngo.agree(driver, "MEMORANDUM", TODAY.minusYears(2), TODAY.minusDays(1), List.of("KZ-75"));
        ngo.agree(driver, "STATE_SOCIAL_ORDER", TODAY.plusDays(1), TODAY.plusYears(1), List.of("KZ-75"));
        assertRefused(assign("akimat-demo", person), "ngo.agreement", "memorandum, contract or state social order");

        ngo.agree(driver, "STATE_SOCIAL_ORDER", TODAY, TODAY, List.of("KZ-75"));
        assertThat(assign("akimat-demo", person).getErrors()).as("an agreement in force today, its first and last day").isEmpty();
    }

    @Test
    @DisplayName("an agreement in force that covers another region, or only a district of the person's region, does not do: BAD_REQUEST ngo.territory")
    void agreementMustCoverTheDestination() {
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(2)));
        ngo.agree(driver, "CONTRACT", TODAY.minusMonths(1), null, List.of("KZ-71"));
        ngo.agree(driver, "MEMORANDUM", TODAY.minusMonths(1), null, List.of("KZ-75-ALM"));

        var refused = assign("akimat-demo", person);

        assertRefused(refused, "ngo.territory", "covers KZ-75, where the person goes");
        assertThat(refused.getErrors().getFirst().getMessage()).contains("KZ-71").contains("KZ-75-ALM");
        assertThat(openCases()).isZero();

        ngo.agree(driver, "STATE_SOCIAL_ORDER", TODAY.minusMonths(1), TODAY.plusMonths(11), List.of("KZ-75"));
        assertThat(assign("akimat-demo", person).getErrors()).isEmpty();
        assertThat(openCases()).isOne();
    }

    @Test
    @DisplayName("the destination is where the recorded release sent the person, not the residence planned before")
    void recordedReleaseDecides() {
        String person = filed(ReleaseRecords.validRelease(TODAY.minusDays(3)));
        ngo.agree(driver, "MEMORANDUM", TODAY.minusMonths(1), null, List.of("KZ-75"));
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", TODAY.minusDays(3).toString(), "type", "END_OF_TERM", "destinationRegion", "KZ-71",
                "sourceSystem", "KUIS")).executeSync().getErrors()).isEmpty();

        assertRefused(assign("kuis-demo", person), "ngo.territory", "covers KZ-71, where the person goes");

        ngo.agree(driver, "CONTRACT", TODAY.minusMonths(1), null, List.of("KZ-71"));
        assertThat(assign("kuis-demo", person).getErrors()).isEmpty();
    }

    @Test
    @DisplayName("a person the hub knows no destination for cannot be assigned (referral.destination); one outside the caller's rows is NOT_FOUND first")
    void destinationUnknownOrPersonHidden() {
        ngo.agree(driver, "CONTRACT", TODAY.minusMonths(1), null, List.of("KZ-75", "KZ-71"));
        String registered = graphQl("kuis-demo").documentName("registerPerson").variable("input", Map.of(
                "surname", "Ковальчук", "givenName", "Андрей", "birthDate", "1988-02-03", "sex", "MALE", "citizenship", "BY",
                "identity", Map.of("kind", "PASSPORT", "series", "MP", "number", Long.toString(System.nanoTime() % 10_000_000),
                        "country", "BY"))).executeSync().field("registerPerson.id").getValue();
        String astana = filed(ReleaseRecords.validRelease(TODAY.plusMonths(2)).set("release.residenceRegion", "KZ-71"));

        var unknownDestination = assign("kuis-demo", registered);
        var hidden = assign("akimat-demo", astana);

        assertBadRequest(unknownDestination, "input.personId", "referral.destination");
        assertErrorType(hidden, "NOT_FOUND");
        assertThat(assign("kuis-demo", astana).getErrors()).isEmpty();
    }

    @Test
    @DisplayName("an NGO's agreements say what they cover, a region or a district")
    void agreementsShowWhatTheyCover() {
        ngo.agree(driver, "CONTRACT", TODAY.minusMonths(1), null, List.of("KZ-75-ALM", "KZ-71"));

        var reply = graphQl("akimat-demo").document("""
                query ($code: ID!) { party(code: $code) { ... on Ngo { agreements { kind covers {
                  __typename ... on Region { code } ... on District { code region { code } } } } } } }
                """).variable("code", ngo.code()).executeSync();

        assertThat(reply.getErrors()).isEmpty();
        assertThat(reply.field("party.agreements[0].covers").toEntityList(Map.class)).containsExactly(
                Map.of("__typename", "Region", "code", "KZ-71"),
                Map.of("__typename", "District", "code", "KZ-75-ALM", "region", Map.of("code", "KZ-75")));
        assertThat((Object) graphQl("kuis-demo").document("{ party(code: \"NGO-KZ-75-0001\") { ... on Ngo { agreements { covers { ... on Region { code } } } } } }")
                .executeSync().field("party.agreements[0].covers[0].code").getValue()).isEqualTo("KZ-75");
    }

    private ClientGraphQlResponse assign(String client, String person) {
        return assign(client, person, ngo.code());
    }

    private ClientGraphQlResponse assign(String client, String person, String ngoCode) {
        return graphQl(client).documentName("assignCase").variable("input", Map.of("personId", person, "ngo", ngoCode,
                "reason", "Сопровождение после освобождения")).executeSync();
    }

    private static void assertRefused(ClientGraphQlResponse reply, String rule, String saying) {
        assertBadRequest(reply, "input.ngo", rule);
        assertThat(reply.getErrors().getFirst().getMessage()).contains(saying);
    }

    private long openCases() {
        return count("MATCH (r:Referral {kind: 'NGO_CASE'})-[:TO]->(:Ngo {code: $code}) RETURN count(r)", Map.of("code", ngo.code()));
    }
}
