package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * The row and field rules of schema/access-policy.yaml, tried with each demo party's real token on
 * every path to a person. Person A will live in Almaty (KZ-75), with an employment referral, a
 * health referral and a case at the Almaty NGO; person B will live in Astana and has none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIT extends HubIntegrationTest {

    /** A name for the caseworkers' client of the NGO this class registers (see {@link #graphQl}). */
    private static final String OWN_NGO = "own-ngo";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;

    private ReleaseRecords almaty;
    private ReleaseRecords astana;
    private String almatyId;
    private String astanaId;

    @BeforeAll
    void twoPersons() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
        almaty = ReleaseRecords.validRelease(LocalDate.of(2044, 4, 4)).set("person.surname", "Алматинцева");
        astana = ReleaseRecords.validRelease(LocalDate.of(2044, 4, 5)).set("person.surname", "Астанинцева")
                .set("institution.code", "AK-159-10").set("institution.region", "KZ-62").set("release.residenceRegion", "KZ-71");
        almatyId = filed(almaty);
        astanaId = filed(astana);
        refer("EMPLOYMENT", "KZ-CZN-75", "Трудоустройство");
        refer("HEALTH", "KZ-UZ-75", "Антиретровирусная терапия");
        assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", almatyId,
                "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
    }

    static Stream<Arguments> whoSeesWhom() {
        return Stream.of(
                Arguments.of("kuis-demo", true, true),
                Arguments.of("prosecutor-demo", true, true),
                Arguments.of("probation-demo", true, false),
                Arguments.of("police-demo", true, false),
                Arguments.of("akimat-demo", true, false),
                Arguments.of("labour-demo", true, false),
                Arguments.of("health-demo", true, false),
                Arguments.of(OWN_NGO, true, false),
                Arguments.of("ngo2-demo", false, false));
    }

    @ParameterizedTest(name = "{0} sees Almaty: {1}, Astana: {2}")
    @MethodSource("whoSeesWhom")
    @DisplayName("each party sees exactly the persons of its rows, whether it asks by IIN, by id, by document, by name or through _entities")
    void rows(String client, boolean seesAlmaty, boolean seesAstana) {
        assertSees(client, almaty, almatyId, seesAlmaty);
        assertSees(client, astana, astanaId, seesAstana);
    }

    @Test
    @DisplayName("asking for a person outside one's rows looks exactly like asking for a person who does not exist")
    void nonDisclosure() {
        String unknownIin = "900101300811";
        var outside = graphQl("ngo2-demo").documentName("personView").variable("iin", almaty.iin()).executeSync();
        var unknown = graphQl("ngo2-demo").documentName("personView").variable("iin", unknownIin).executeSync();

        assertThat(outside.getErrors()).hasSize(1);
        assertThat(unknown.getErrors()).hasSize(1);
        assertThat(outside.getErrors().getFirst().getErrorType()).isEqualTo(unknown.getErrors().getFirst().getErrorType());
        assertThat(outside.getErrors().getFirst().getMessage().replace(almaty.iin(), "#"))
                .isEqualTo(unknown.getErrors().getFirst().getMessage().replace(unknownIin, "#"));
        assertThat(outside.getErrors().getFirst().getExtensions()).isEqualTo(unknown.getErrors().getFirst().getExtensions());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offenceHidden")
    @DisplayName("the offence, court, term and sentence history are null with the reason CRIMINAL_RECORD for NGOs, employment and health, however they are asked")
    void offenceHiddenFromHelpers(String client, boolean hidden) {
        var reply = graphQl(client).documentName("hiddenFields").variable("id", almatyId).executeSync();

        assertThat((Object) reply.field("personById.id").getValue()).isEqualTo(almatyId);
        for (String path : List.of("personById.custodyEpisodes[0].article", "personById.custodyEpisodes[0].court",
                "personById.custodyEpisodes[0].history", "personById.aliased[0].offence",
                "personById.custodyEpisodes[0].termEnd")) {
            var field = reply.field(path);
            if (hidden) {
                assertThat((Object) field.getValue()).as(path).isNull();
                assertThat(field.getErrors()).as(path).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
                    assertThat(error.getExtensions()).containsEntry("reason", "CRIMINAL_RECORD");
                });
            } else {
                assertThat(field.getErrors()).as(path).isEmpty();
            }
        }
        if (!hidden) {
            assertThat((Object) reply.field("personById.aliased[0].offence").getValue()).isEqualTo("188 ч.2");
            assertThat((Object) reply.field("personById.custodyEpisodes[0].termEnd").getValue()).isEqualTo("2044-04-04");
        }
        if (!hidden) {
            assertThat((Object) reply.field("personById.custodyEpisodes[0].termEnd").getValue()).isEqualTo("2044-04-04");
        }
    }

    static Stream<Arguments> offenceHidden() {
        return Stream.of(Arguments.of(OWN_NGO, true), Arguments.of("labour-demo", true),
                Arguments.of("health-demo", true), Arguments.of("kuis-demo", false), Arguments.of("akimat-demo", false));
    }

    @Test
    @DisplayName("the reason of a health referral is shown to the health body and the penal system only")
    void healthDetails() {
        assertThat(healthReason("health-demo")).isEqualTo("Антиретровирусная терапия");
        assertThat(healthReason("kuis-demo")).isEqualTo("Антиретровирусная терапия");
        // the akimat sent it: it sees the referral, not its reason
        assertThat(healthReason("akimat-demo")).isNull();
        // an employment centre and an NGO do not even see that it exists (access-policy.yaml, healthReferrals)
        assertThat(healthReferrals("labour-demo")).isEmpty();
        assertThat(healthReferrals(OWN_NGO)).isEmpty();
    }

    @Test
    @DisplayName("the case timeline leaves the note of a health measure out for parties that may not see health details, and each read of it is logged")
    void timelineHealthNotes() {
        String note = "Начата антиретровирусная терапия " + java.util.UUID.randomUUID();
        String measure = (String) graphQl("akimat-demo").documentName("createProgramme").variable("input", Map.of(
                        "personId", almatyId, "measures", List.of(Map.of("domain", "HEALTH", "description", "Встать на учёт",
                                "responsible", "KZ-UZ-75", "deadline", LocalDate.now().plusMonths(1).toString()))))
                .executeSync().field("createProgramme.measures").toEntityList(Map.class).getFirst().get("id");
        assertThat(graphQl("health-demo").documentName("updateMeasure").variable("input", Map.of("measureId", measure,
                "status", "IN_PROGRESS", "note", note)).executeSync().getErrors()).isEmpty();
        String endUser = DisclosureLog.uniqueEndUser("timeline-reader");

        assertThat(timelineSummaries("health-demo", endUser)).anyMatch(summary -> summary.contains(note));
        assertThat(timelineSummaries("kuis-demo", endUser)).anyMatch(summary -> summary.contains(note));
        // the akimat drew the programme up: it knows of the measure, not of its note
        assertThat(timelineSummaries("akimat-demo", endUser)).anyMatch(summary -> summary.startsWith("HEALTH measure IN_PROGRESS"))
                .noneMatch(summary -> summary.contains(note));
        // an NGO and an employment centre do not even know of it (access-policy.yaml, healthReferrals)
        for (String client : List.of(OWN_NGO, "labour-demo")) {
            assertThat(timelineSummaries(client, endUser)).as(client).isNotEmpty()
                    .noneMatch(summary -> summary.startsWith("HEALTH measure")).noneMatch(summary -> summary.contains(note));
        }
        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", almatyId), endUser);
        assertThat(logged).extracting(e -> e.get("client"))
                .containsExactlyInAnyOrder("health-demo", "kuis-demo", "akimat-demo", ngo.client(), "labour-demo");
        assertThat(logged).allSatisfy(e -> assertThat(e).containsEntry("operation", "QUERY caseTimeline")
                .containsEntry("outcome", "DISCLOSED").containsEntry("persons", List.of(almatyId)));
    }

    private List<String> timelineSummaries(String client, String endUser) {
        return DisclosureLog.as(graphQl(client), endUser).documentName("caseTimeline").variable("personId", almatyId)
                .variable("first", 200).executeSync().field("caseTimeline.edges").toEntityList(Map.class).stream()
                .map(e -> (String) ((Map<?, ?>) e.get("node")).get("summary")).toList();
    }

    @Test
    @DisplayName("an NGO paging with another NGO's cursor, or with the penal system's, is refused (cursors are bound to their client), and the log names none of those persons")
    void foreignCursors() {
        String ngoCursor = graphQl(OWN_NGO).documentName("myAssignedCases").variable("first", 1).executeSync()
                .field("myAssignedCases.pageInfo.endCursor").getValue();
        String kuisCursor = graphQl("kuis-demo").documentName("referrals").variable("kind", "NGO_CASE").variable("first", 1)
                .executeSync().field("referrals.pageInfo.endCursor").getValue();
        String endUser = DisclosureLog.uniqueEndUser("cursor-replayer");
        var ngo2 = DisclosureLog.as(graphQl("ngo2-demo"), endUser);

        var cases = ngo2.documentName("myAssignedCases").variable("updatedSince", ngoCursor).variable("first", 500)
                .executeSync();
        var referrals = ngo2.document("""
                        query ($after: String) { referrals(kind: NGO_CASE, first: 500, after: $after) {
                          edges { node { id to { code } person { id } } } } }
                        """).variable("after", kuisCursor).executeSync();

        assertBadRequest(cases, "updatedSince", "cursor");
        assertBadRequest(referrals, "after", "cursor");
        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-71-0001"), endUser);
        assertThat(logged).allSatisfy(entry -> assertThat(String.valueOf(entry.get("persons"))).doesNotContain(almatyId));
    }

    @Test
    @DisplayName("the offence asked for through a named fragment alone is still null with the reason CRIMINAL_RECORD for an NGO")
    void hiddenFieldThroughFragment() {
        var reply = graphQl(OWN_NGO).document("""
                        query ($id: ID!) { personById(id: $id) { custodyEpisodes { ...Offence } } }
                        fragment Offence on CustodyEpisode { article }
                        """).variable("id", almatyId).executeSync();

        var article = reply.field("personById.custodyEpisodes[0].article");
        assertThat((Object) article.getValue()).isNull();
        assertThat(article.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
            assertThat(error.getExtensions()).containsEntry("reason", "CRIMINAL_RECORD");
        });
        assertThat(reply.toEntity(Map.class).toString()).doesNotContain("188");
    }

    @Test
    @DisplayName("pages hold only persons of the caller's rows: upcoming releases, referrals, search")
    void pages() {
        var releases = graphQl("akimat-demo").documentName("upcomingReleases").variable("from", "2044-04-01")
                .variable("to", "2044-04-30").variable("first", 100).executeSync()
                .field("upcomingReleases.edges").toEntityList(Map.class);
        var referrals = graphQl("labour-demo").documentName("referrals").variable("first", 500).executeSync()
                .field("referrals.edges").toEntityList(Map.class);

        List<Object> surnames = releases.stream()
                .map(e -> ((Map<?, ?>) ((Map<?, ?>) e.get("node")).get("person")).get("surname")).map(Object.class::cast).toList();
        assertThat(surnames).contains("Алматинцева").doesNotContain("Астанинцева");
        List<Object> receivers = referrals.stream()
                .map(e -> ((Map<?, ?>) ((Map<?, ?>) e.get("node")).get("to")).get("code")).map(Object.class::cast).toList();
        assertThat(receivers).isNotEmpty().contains("KZ-CZN-75");
        assertThat(referrals).hasSizeLessThan(500);
        assertThat(searchSurnames("akimat-demo", "Астанинцева")).isEmpty();
        assertThat(searchSurnames("kuis-demo", "Астанинцева")).contains("Астанинцева");
    }

    @Test
    @DisplayName("a count from 1 to 4 is withheld as a small cell from an akimat, and given exactly to the penal system")
    void smallCells() {
        String query = "{ personStateCount(state: IN_CUSTODY, on: \"2043-01-01\", region: \"KZ-62\") }";
        var akimat = graphQl("akimat-demo").document(query).executeSync();
        var kuis = graphQl("kuis-demo").document(query).executeSync();

        assertThat((Object) kuis.field("personStateCount").getValue()).isEqualTo(1);
        assertThat((Object) akimat.field("personStateCount").getValue()).isNull();
        assertThat(akimat.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("reason", "SMALL_CELL"));
    }

    private void assertSees(String client, ReleaseRecords record, String id, boolean sees) {
        GraphQlClient graphQl = graphQl(client);
        var byIin = graphQl.documentName("personView").variable("iin", record.iin()).executeSync();
        var byId = graphQl.documentName("personCase").variable("id", id).executeSync();
        var byDocument = graphQl.documentName("personByIdentifier").variable("kind", "KZ_IIN")
                .variable("value", record.iin()).executeSync();
        var entities = graphQl.documentName("entitiesByKey").variable("representations",
                List.of(Map.of("__typename", "Person", "id", id))).executeSync();
        List<String> searched = searchSurnames(client, record.get("person.surname"));

        if (sees) {
            assertThat((Object) byIin.field("person.iin").getValue()).as(client + " by IIN").isEqualTo(record.iin());
            assertThat((Object) byId.field("personById.id").getValue()).as(client + " by id").isEqualTo(id);
            assertThat((Object) byDocument.field("personByIdentifier.id").getValue()).as(client + " by document").isEqualTo(id);
            assertThat((Object) entities.field("_entities[0].id").getValue()).as(client + " _entities").isEqualTo(id);
            assertThat(searched).as(client + " search").contains(record.get("person.surname"));
        } else {
            assertNotFound(byIin, client + " by IIN");
            assertNotFound(byId, client + " by id");
            assertNotFound(byDocument, client + " by document");
            assertThat((Object) entities.field("_entities[0]").getValue()).as(client + " _entities").isNull();
            assertThat(searched).as(client + " search").isEmpty();
        }
    }

    private static void assertNotFound(ClientGraphQlResponse reply, String what) {
        assertThat(reply.getErrors()).as(what).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND"));
    }

    private List<String> searchSurnames(String client, String surname) {
        return graphQl(client).documentName("searchPersons").variable("name", surname).variable("first", 50).executeSync()
                .field("searchPersons.edges").toEntityList(Map.class).stream()
                .map(e -> (String) ((Map<?, ?>) e.get("node")).get("surname")).filter(surname::equals).toList();
    }

    private Object healthReason(String client) {
        return healthReferrals(client).stream().findFirst().orElseThrow().get("reason");
    }

    @SuppressWarnings("rawtypes")
    private List<Map> healthReferrals(String client) {
        var referrals = graphQl(client).documentName("hiddenFields").variable("id", almatyId).executeSync()
                .field("personById.referrals").toEntityList(Map.class);
        return referrals.stream().filter(r -> "HEALTH".equals(r.get("kind"))).toList();
    }

    private void refer(String kind, String to, String reason) {
        graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", almatyId,
                "kind", kind, "to", to, "reason", reason)).executeSync();
    }

    /** The NGO this class registers for itself, so that its cases and capacity are this class's alone; asked for as {@value #OWN_NGO}. */
    @Override
    protected HttpSyncGraphQlClient graphQl(String clientId) {
        return OWN_NGO.equals(clientId) ? graphQlWithToken(ngo.token()) : super.graphQl(clientId);
    }
}
