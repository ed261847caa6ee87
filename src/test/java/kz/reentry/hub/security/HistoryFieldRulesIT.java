package kz.reentry.hub.security;

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
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * Histories of corrected values and the case timeline show only what the field rules let through,
 * on every path (Person.history, CustodyEpisode.history, PlannedRelease.history through the person,
 * its episodes, upcomingReleases and _entities; caseTimeline), for every party kind that has fields
 * hidden. One person gets three corrections: one of criminal-record fields only (hidden from NGOs,
 * employment centres and health bodies), one of the capacity to work only (hidden from NGOs: a health
 * detail), one of the release date and the surname (shown to all who see the person).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryFieldRulesIT extends HubIntegrationTest {

    /** A name for the caseworkers' client of the NGO this class registers (see {@link #graphQl}). */
    private static final String OWN_NGO = "own-ngo";

    private static final String HISTORY = "history { supersededByMessageId values { field value } }";
    private static final String PATHS = """
            query historyPaths($id: ID!, $representations: [_Any!]!, $from: Date!, $to: Date!) {
              personById(id: $id) {
                %1$s
                custodyEpisodes { %1$s plannedRelease { %1$s } }
                plannedRelease { id capacityToWork %1$s }
              }
              caseTimeline(personId: $id, first: 500) { edges { node { kind summary actor } } }
              _entities(representations: $representations) { ... on Person { %1$s plannedRelease { %1$s } } }
              upcomingReleases(from: $from, to: $to, region: "KZ-75", first: 20) { edges { node { id %1$s } } }
            }
            """.formatted(HISTORY);

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;

    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final String oldCourt = "Суд " + token;
    private final String oldParoleDate = "2044-11-11";
    private String personId;
    private String releaseId;
    private String criminalRecordCorrection;
    private String capacityCorrection;
    private String visibleCorrection;

    @BeforeAll
    void aPersonWithThreeCorrections() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
        var record = ReleaseRecords.validRelease(LocalDate.of(2046, 4, 4)).set("person.surname", "Прежнева")
                .set("custody.court", oldCourt).set("custody.formalParoleDate", oldParoleDate)
                .set("release.capacityToWork", "FULL");
        personId = filed(record);
        criminalRecordCorrection = corrected(record.newMessage().set("custody.article", "190 ч.1")
                .set("custody.court", "Суд второй инстанции").set("custody.formalParoleDate", "2044-12-12"));
        capacityCorrection = corrected(record.newMessage().set("release.capacityToWork", "LIMITED"));
        visibleCorrection = corrected(record.newMessage().set("release.date", "2046-03-28").set("person.surname", "Новая"));
        releaseId = record.iin() + "/2042-04-04/release";
        assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", personId,
                "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
        for (var referral : List.of(List.of("EMPLOYMENT", "KZ-CZN-75"), List.of("HEALTH", "KZ-UZ-75"))) {
            graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", personId,
                    "kind", referral.get(0), "to", referral.get(1), "reason", "Сопровождение")).executeSync();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OWN_NGO, "labour-demo", "health-demo"})
    @DisplayName("a party with criminal-record fields hidden sees neither their earlier values, nor that they were corrected, nor by which message, on any history or timeline path")
    void criminalRecordCorrectionsHidden(String client) {
        var reply = read(client);
        String everything = JSON.writeValueAsString(reply.toMap());

        assertThat(everything).doesNotContain(criminalRecordCorrection).doesNotContain(oldCourt)
                .doesNotContain(oldParoleDate).doesNotContain("188 ч.2");
        assertThat(summaries(reply)).noneMatch(summary -> summary.contains("CustodyEpisode"))
                .contains("corrected Person: surname ", "corrected PlannedRelease: date ");
        assertThat((Object) reply.field("personById.custodyEpisodes[0].history").getValue()).isNull();
        // its id holds the term start, so it is shown sealed
        assertThat((String) reply.field("personById.plannedRelease.id").getValue()).startsWith("s-").isNotEqualTo(releaseId);
        assertVisibleCorrectionOnly(reply);
    }

    @Test
    @DisplayName("a correction of a field hidden from a party by a non-criminal rule (capacity to work, a health detail for an NGO) is in no history and no timeline for it")
    void healthDetailCorrectionHiddenFromNgo() {
        var reply = read(OWN_NGO);
        String everything = JSON.writeValueAsString(reply.toMap());

        assertThat(everything).doesNotContain(capacityCorrection).doesNotContain("LIMITED");
        assertThat((Object) reply.field("personById.plannedRelease.capacityToWork").getValue()).isNull();
        assertThat(summaries(reply)).noneMatch(summary -> summary.contains("capacityToWork"));
        assertThat(reply.field("personById.plannedRelease.history").toEntityList(Map.class))
                .allSatisfy(revision -> assertThat(revision.get("supersededByMessageId")).isEqualTo(visibleCorrection));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"labour-demo", "probation-demo", "kuis-demo"})
    @DisplayName("order 392 cl. 50: the E1 notice's capacity to work, and its correction, are read by the parties that see it")
    void noticeContentShown(String client) {
        var reply = read(client);

        assertThat((Object) reply.field("personById.plannedRelease.capacityToWork").getValue()).isEqualTo("LIMITED");
        assertThat(reply.field("personById.plannedRelease.history").toEntityList(Map.class))
                .anySatisfy(revision -> {
                    assertThat(revision.get("supersededByMessageId")).isEqualTo(capacityCorrection);
                    assertThat(revision.get("values")).isEqualTo(List.of(Map.of("field", "capacityToWork", "value", "FULL")));
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"probation-demo", "kuis-demo"})
    @DisplayName("a party that sees criminal-record fields sees their corrections in the history and the timeline")
    void criminalRecordCorrectionsShownToLawEnforcement(String client) {
        var reply = read(client);

        assertThat(summaries(reply)).filteredOn(summary -> summary.startsWith("corrected CustodyEpisode: ")).singleElement()
                .satisfies(summary -> assertThat(summary.split(": ")[1].split(" "))
                        .containsExactlyInAnyOrder("article", "court", "formalParoleDate"));
        assertThat(JSON.writeValueAsString(reply.field("personById.custodyEpisodes[0].history").getValue()))
                .contains(criminalRecordCorrection).contains(oldCourt).contains(oldParoleDate);
        assertThat((Object) reply.field("personById.plannedRelease.id").getValue()).isEqualTo(releaseId);
        assertVisibleCorrectionOnly(reply);
    }

    /** The release-date and surname correction is shown on every path, with its message id and nothing else. */
    private void assertVisibleCorrectionOnly(ClientGraphQlResponse reply) {
        for (String path : List.of("personById.plannedRelease.history", "personById.custodyEpisodes[0].plannedRelease.history",
                "_entities[0].plannedRelease.history")) {
            assertThat(reply.field(path).toEntityList(Map.class)).as(path)
                    .filteredOn(revision -> !capacityCorrection.equals(revision.get("supersededByMessageId")))
                    .singleElement().satisfies(revision -> {
                assertThat(revision.get("supersededByMessageId")).isEqualTo(visibleCorrection);
                assertThat(revision.get("values")).isEqualTo(List.of(Map.of("field", "date", "value", "2046-04-04")));
            });
        }
        // the id as this caller is shown it (sealed where it would tell the term start: DerivedIds)
        Object shownId = reply.field("personById.plannedRelease.id").getValue();
        var upcoming = reply.field("upcomingReleases.edges").toEntityList(Map.class).stream()
                .map(edge -> (Map<?, ?>) edge.get("node")).filter(node -> shownId.equals(node.get("id"))).toList();
        assertThat(upcoming).singleElement().satisfies(node -> assertThat(JSON.writeValueAsString(node.get("history")))
                .contains(visibleCorrection));
        assertThat(reply.field("personById.history").toEntityList(Map.class)).singleElement().satisfies(revision -> {
            assertThat(revision.get("supersededByMessageId")).isEqualTo(visibleCorrection);
            assertThat(revision.get("values")).isEqualTo(List.of(Map.of("field", "surname", "value", "Прежнева")));
        });
        List<Object> actors = reply.field("caseTimeline.edges").toEntityList(Map.class).stream()
                .map(edge -> ((Map<?, ?>) edge.get("node")).get("actor")).map(Object.class::cast).toList();
        assertThat(actors).contains(visibleCorrection);
    }

    private ClientGraphQlResponse read(String client) {
        return graphQl(client).document(PATHS).variable("id", personId)
                .variable("representations", List.of(Map.of("__typename", "Person", "id", personId)))
                .variable("from", "2046-03-28").variable("to", "2046-03-28").executeSync();
    }

    private static List<String> summaries(ClientGraphQlResponse reply) {
        return reply.field("caseTimeline.edges").toEntityList(Map.class).stream()
                .map(edge -> (String) ((Map<?, ?>) edge.get("node")).get("summary")).toList();
    }

    /** Posts a corrected record and returns its message id. */
    private String corrected(ReleaseRecords record) {
        var reply = postRelease(record.json());
        assertThat(reply.status()).as("correction filed: %s", reply.body()).isEqualTo(200);
        return record.get("messageId");
    }

    /** The NGO this class registers for itself, so that its cases and capacity are this class's alone; asked for as {@value #OWN_NGO}. */
    @Override
    protected HttpSyncGraphQlClient graphQl(String clientId) {
        return OWN_NGO.equals(clientId) ? graphQlWithToken(ngo.token()) : super.graphQl(clientId);
    }
}
