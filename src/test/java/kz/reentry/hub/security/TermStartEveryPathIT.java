package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * The start of the term is criminal record (decree 912 item 9): hidden from NGOs, employment centres
 * and health bodies. It must not come back another way: inside the ids the hub composed from it (a
 * custody episode is keyed by IIN and term start, and so are its planned release and its E1 notice),
 * or as the first day of the custody state. Every path that carries those ids or states is asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TermStartEveryPathIT extends HubIntegrationTest {

    private static final String NGO = "own-ngo";
    private static final String PATHS = """
            query termStart($id: ID!, $representations: [_Any!]!, $on: Date!) {
              personById(id: $id) {
                custodyEpisodes { id plannedRelease { id } }
                plannedRelease { id }
                obligations { id kind }
                states { id kind from }
              }
              _entities(representations: $representations) { ... on Person { plannedRelease { id } obligations { id } } }
              upcomingReleases(from: $on, to: $on, region: "KZ-75", first: 100) { edges { node { id custodyEpisode { id } } } }
              overdueObligations(first: 500) { edges { node { id } } }
              caseTimeline(personId: $id, first: 500) { edges { node { kind summary actor } } }
            }
            """;

    private static final String OPEN_REFERRAL = "mutation ($input: OpenReferralInput!) { openReferral(input: $input) { id } }";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;
    private String personId;
    private LocalDate releasedOn;
    private String termStart;

    @BeforeAll
    void aPersonWithACaseAReferralAndANotice() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
        // released in 100 days: the E1 notice is already due, so the person has an E1 obligation
        releasedOn = LocalDate.now().plusDays(100);
        var record = ReleaseRecords.validRelease(releasedOn);
        termStart = record.get("custody.termStart");
        personId = filed(record);
        assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", personId,
                "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
        for (var referral : List.of(List.of("EMPLOYMENT", "KZ-CZN-75"), List.of("HEALTH", "KZ-UZ-75"))) {
            assertThat(graphQl("akimat-demo").document(OPEN_REFERRAL).variable("input", Map.of("personId", personId,
                    "kind", referral.get(0), "to", referral.get(1), "reason", "Сопровождение")).executeSync().getErrors())
                    .isEmpty();
        }
        // the E4 referral's answer duty is opened after the referral's event, on another thread
        // (EmploymentTriggers): the reads below must not straddle it
        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                MATCH (o:Obligation {kind: 'E4_REFERRAL_ANSWER'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(o)""",
                Map.of("id", personId)) > 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NGO, "labour-demo", "health-demo"})
    @DisplayName("decree 912 item 9: a party that may not see the term start finds it in no id, no state and no timeline event; its ids are stable")
    void termStartOnNoPath(String client) {
        String everything = read(client);

        assertThat(everything).as("the term start %s", termStart).doesNotContain(termStart)
                .contains("\"plannedRelease\":{\"id\":\"s-");
        // (the notice may be delivered between two reads: its status changes, its id must not)
        assertThat(personIds(read(client))).as("the same ids on every read").isEqualTo(personIds(everything))
                .allMatch(id -> id.startsWith("s-"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kuis-demo", "probation-demo"})
    @DisplayName("a party that sees the term start gets the ids as they are")
    void termStartSeenByLawEnforcement(String client) {
        assertThat(read(client)).contains(termStart);
    }

    /** The ids of the person's episodes, planned release and obligations, in the order read. */
    private static List<String> personIds(String reply) {
        var person = JSON.readTree(reply).path("data").path("personById");
        List<String> ids = new java.util.ArrayList<>();
        person.path("custodyEpisodes").forEach(episode -> ids.add(episode.path("id").asString()));
        ids.add(person.path("plannedRelease").path("id").asString());
        person.path("obligations").forEach(obligation -> ids.add(obligation.path("id").asString()));
        return ids;
    }

    private String read(String client) {
        HttpSyncGraphQlClient graphQl = NGO.equals(client) ? graphQlWithToken(ngo.token()) : graphQl(client);
        var reply = graphQl.document(PATHS).variable("id", personId)
                .variable("representations", List.of(Map.of("__typename", "Person", "id", personId)))
                .variable("on", releasedOn.toString()).executeSync();
        return JSON.writeValueAsString(reply.toMap());
    }
}
