package kz.reentry.hub.caseview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.client.ClientGraphQlResponse;
import tools.jackson.databind.JsonNode;

/**
 * The case view by hub id reads the person and every list and reference below it in one statement
 * (PersonCaseRead); the same selection asked by IIN resolves level by level, each through its own
 * batched read. Both must answer alike for every kind of caller (rows, HEALTH data hidden by the
 * HealthScope, field rules with their errors), and the folded read must still be logged. What it costs
 * in statements, QueryCountIT counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonCaseReadIT extends HubIntegrationTest {

    /** Every part PersonCaseRead folds, and fields it does not (history, progress, assessments), which load by themselves. */
    private static final String CASE = """
            id iin surname givenName patronymic birthDate
            custodyEpisodes { id article termStart termEnd institution { code name region { code } }
              plannedRelease { id date type housing residenceRegion { code name } } }
            states { kind from to region { code } }
            obligations { id kind dueOn status owedBy { code } region { code } }
            programmes { id status measures { id domain status deadline responsible { code name } } progress { total } }
            referrals { id kind status from { code } to { code name } }
            assessments { id }
            history { supersededAt values { field } }
            """;

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    private ReleaseRecords record;
    private String person;

    @BeforeAll
    void aPersonWithACase() {
        record = ReleaseRecords.validRelease(LocalDate.now().plusDays(20));
        person = filed(record);
        ok(graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync());
        ok(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", "NGO-KZ-75-0001", "reason", "Сопровождение")).executeSync());
        ok(graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                "measures", List.of(
                        Map.of("domain", "HOUSING", "description", "Общежитие", "responsible", "KZ-MIO-75",
                                "deadline", LocalDate.now().plusMonths(2).toString()),
                        Map.of("domain", "HEALTH", "description", "Встать на учёт", "responsible", "KZ-UZ-75",
                                "deadline", LocalDate.now().plusMonths(1).toString())))).executeSync());
        // a HEALTH referral, handed over (E3) and receipted before the reads, so its duty to acknowledge stays as it is
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        try {
            String health = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                    "kind", "HEALTH", "to", "KZ-UZ-75", "reason", "АРВ-терапия")).executeSync().field("openReferral.id").getValue();
            await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                    MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff)
                    MATCH (m:OutboundMessage {id: h.outboundMessageId, status: 'DELIVERED'})
                    RETURN count(m) AS n""", Map.of("id", health)) > 0);
        } finally {
            HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.OK);
        }
    }

    static Stream<String> callers() {
        return Stream.of("kuis-demo", "probation-demo", "police-demo", "akimat-demo", "labour-demo", "health-demo",
                "tb-demo", "prosecutor-demo", "court-demo", "ngo-demo", "ngo2-demo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    @DisplayName("the case read in one statement answers what the level-by-level read answers, data and errors alike")
    void foldedAnswersAsBatched(String caller) {
        var byId = graphQl(caller).document("query ($id: ID!) { personById(id: $id) { " + CASE + " } }")
                .variable("id", person).executeSync();
        var byIin = graphQl(caller).document("query ($iin: ID!) { person(iin: $iin) { " + CASE + " } }")
                .variable("iin", record.iin()).executeSync();
        assertThat(errors(byIin, "person")).noneMatch(error -> error.startsWith("ValidationError"));
        JsonNode folded = JSON.valueToTree(byId.toMap()).path("data").path("personById");
        JsonNode batched = JSON.valueToTree(byIin.toMap()).path("data").path("person");
        assertThat(folded).isEqualTo(batched);
        assertThat(errors(byId, "personById")).isEqualTo(errors(byIin, "person"));
        if ("kuis-demo".equals(caller)) {
            // the control: the national view sees the whole case, so the comparison compares something
            assertThat(folded.path("custodyEpisodes").get(0).path("plannedRelease").path("residenceRegion").path("code")
                    .asString()).isNotEmpty();
            assertThat(folded.path("programmes").get(0).path("measures")).hasSize(2);
            assertThat(folded.path("referrals").size()).isGreaterThanOrEqualTo(3);
            assertThat(folded.path("obligations").size()).isPositive();
            assertThat(folded.path("states").size()).isPositive();
        }
    }

    @Test
    @DisplayName("a selection through fragments and aliases is folded too: the same answer, one statement")
    void fragmentsAreFolded() {
        String plain = "query ($id: ID!) { personById(id: $id) { surname custodyEpisodes { article institution { code } "
                + "plannedRelease { date residenceRegion { code } } } programmes { measures { domain responsible { code } } } } }";
        String fragments = """
                query ($id: ID!) { personById(id: $id) { ...Case } }
                fragment Case on Person { surname custodyEpisodes { ...Episode }
                  ... on Person { programmes { measures { domain responsible { code } } } } }
                fragment Episode on CustodyEpisode { article institution { code }
                  plannedRelease { date region: residenceRegion { code } } }""";
        var expected = graphQl("kuis-demo").document(plain).variable("id", person).executeSync();
        cypherQueries.reset();
        var folded = graphQl("kuis-demo").document(fragments).variable("id", person).executeSync();
        assertThat(cypherQueries.count()).isEqualTo(1);
        assertThat(folded.getErrors()).isEmpty();
        JsonNode answer = JSON.valueToTree(folded.toMap()).path("data").path("personById");
        assertThat(answer.path("custodyEpisodes").get(0).path("plannedRelease").path("region"))
                .isEqualTo(JSON.valueToTree(expected.toMap()).path("data").path("personById").path("custodyEpisodes").get(0)
                        .path("plannedRelease").path("residenceRegion"));
        assertThat(answer.path("programmes")).isEqualTo(JSON.valueToTree(expected.toMap()).path("data").path("personById")
                .path("programmes"));
    }

    @Test
    @DisplayName("a person outside the caller's rows is NOT_FOUND by the folded read, and the refusal is logged")
    void outsideTheRowsIsNotFoundAndLogged() {
        String endUser = DisclosureLog.uniqueEndUser("case-read");
        var reply = DisclosureLog.as(graphQl("ngo2-demo"), endUser)
                .document("query ($id: ID!) { personById(id: $id) { surname custodyEpisodes { article } } }")
                .variable("id", person).executeSync();
        assertThat(reply.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND"));
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-71-0001"), endUser))
                .singleElement().satisfies(entry -> assertThat(entry.get("outcome")).isEqualTo("REFUSED"));
    }

    @Test
    @DisplayName("the folded read is logged with the person and the fields it disclosed")
    @SuppressWarnings("unchecked")
    void foldedReadIsLogged() {
        String endUser = DisclosureLog.uniqueEndUser("case-read");
        ok(DisclosureLog.as(graphQl("kuis-demo"), endUser)
                .document("query ($id: ID!) { personById(id: $id) { surname custodyEpisodes { article institution { code } } } }")
                .variable("id", person).executeSync());
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.get("outcome")).isEqualTo("DISCLOSED");
                    assertThat((List<Object>) entry.get("persons")).containsExactly(person);
                    assertThat((List<Object>) entry.get("fields")).contains("Person.surname", "Person.custodyEpisodes",
                            "CustodyEpisode.article");
                });
    }

    private static List<String> errors(ClientGraphQlResponse reply, String root) {
        return reply.getErrors().stream().map(e -> e.getErrorType() + " " + String.join(".", e.getParsedPath().stream()
                .map(String::valueOf).toList()).replaceFirst("^" + root, "")).sorted().toList();
    }

    private static void ok(ClientGraphQlResponse reply) {
        assertThat(reply.getErrors()).isEmpty();
    }
}
