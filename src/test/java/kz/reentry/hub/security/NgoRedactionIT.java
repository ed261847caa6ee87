package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.referral.ReferralEvents;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import reactor.core.Scannable;
import tools.jackson.databind.JsonNode;

/**
 * What an NGO sees of a person whose case it has (access-policy.yaml): the name, where the person goes
 * and when, what they need, and its own case; not their states (here: administrative supervision
 * with restrictions), risk score and level, term dates, grounds of release, identity documents, name
 * variants, the employment and health referrals, nor another NGO's case of the same person and its
 * notes. Tried on every path an NGO can use: by IIN, id, document, search, _entities, pages of releases
 * and referrals, its feed, nested fields, the timeline, a subscription and the moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgoRedactionIT extends HubIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final Set<String> REASONS = Set.of("CRIMINAL_RECORD", "RISK_ASSESSMENT", "IDENTITY");
    private static final String SEEN = """
            fragment Seen on Person {
              id surname givenName birthDate
              identities { value } nameVariants { surname }
              states { kind restrictions }
              assessments { riskScore riskLevel needs }
              custodyEpisodes { termStart termEnd institution { code } plannedRelease { date type } }
              plannedRelease { date type residenceRegion { code } custodyEpisode { termStart termEnd } }
              programmes { measures { domain description } basedOn { riskScore riskLevel needs } }
              referrals { kind to { code } contacts { note } measuresTaken { note } history { note } }
            }
            """;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Autowired
    ReferralEvents events;

    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final String passport = Long.toString(1_000_000 + System.nanoTime() % 8_000_000);
    /** A spelling nobody else has: the token's hex digits as Cyrillic letters. */
    private final String variant = "Вариантова" + token.chars().mapToObj(c -> String.valueOf((char) ('а' + Character.digit(c, 16))))
            .reduce("", String::concat);
    private final String ownNote = "Встреча у ворот " + token;
    private final String foreignNote = "Заметка другого НПО " + token;
    private final LocalDate release = TODAY.plusMonths(2);
    private final LocalDate termStart = TODAY.minusYears(3).minusDays(11);
    private final LocalDate termEnd = TODAY.plusYears(2).plusDays(17);
    private ReleaseRecords record;
    private String person;
    private TestNgo ngo;
    private TestNgo otherNgo;
    private String ownCase;
    private String foreignCase;

    @BeforeAll
    void aPersonWithEverythingAnNgoMustNotSee() {
        var tokens = new HubTokens(hubSigningKeys);
        ngo = TestNgo.register(driver, tokens, "KZ-75", 10);
        otherNgo = TestNgo.register(driver, tokens, "KZ-75", 10);
        record = ReleaseRecords.validRelease(release).set("person.surname", "Скрытова")
                .set("custody.termStart", termStart.toString()).set("custody.termEnd", termEnd.toString())
                .set("release.type", "PAROLE");
        person = filed(record);
        everythingAnNgoMustNotSee(person, passport);
        ownCase = assignedAndAccepted(person, ngo, ownNote);
        foreignCase = assignedAndAccepted(person, otherNgo, foreignNote);
    }

    @Test
    @DisplayName("on every path to the person, the NGO gets the name, the release date and the needs, and no state, risk, term date, grounds of release, identity document, name variant or other referral: each hidden field null with its reason")
    void everyPathToThePerson() {
        var reply = graphQlWithToken(ngo.token()).document("""
                        query ngoPaths($id: ID!, $iin: ID!, $passport: String!, $surname: String!, $representations: [_Any!]!,
                                       $from: Date!, $to: Date!) {
                          byIin: person(iin: $iin) { ...Seen }
                          byId: personById(id: $id) { ...Seen }
                          byDocument: personByIdentifier(kind: PASSPORT, value: $passport) { ...Seen }
                          search: searchPersons(name: $surname, first: 5) { edges { node { ...Seen } } }
                          entities: _entities(representations: $representations) { ... on Person { ...Seen } }
                          releases: upcomingReleases(from: $from, to: $to, first: 10) {
                            edges { node { type person { ...Seen } custodyEpisode { termStart termEnd } } } }
                          referrals(first: 10) { edges { node { kind to { code } contacts { note } person { ...Seen } } } }
                          cases: myAssignedCases(first: 10) { edges { node { id person { ...Seen } } } }
                        }
                        """ + SEEN)
                .variable("id", person).variable("iin", record.iin()).variable("passport", "MP " + passport)
                .variable("surname", "Скрытова " + record.get("person.givenName"))
                .variable("representations", List.of(Map.of("__typename", "Person", "id", person)))
                .variable("from", release.toString()).variable("to", release.toString()).executeSync();
        String data = JSON.writeValueAsString(reply.toMap().get("data"));

        for (String path : List.of("byIin", "byId", "byDocument", "search.edges[0].node", "entities[0]",
                "releases.edges[0].node.person", "referrals.edges[0].node.person", "cases.edges[0].node.person")) {
            assertThat((Object) reply.field(path + ".id").getValue()).as(path).isEqualTo(person);
            assertThat((Object) reply.field(path + ".surname").getValue()).as(path).isEqualTo("Скрытова");
            assertThat((Object) reply.field(path + ".plannedRelease.date").getValue()).as(path).isEqualTo(release.toString());
            assertThat((Object) reply.field(path + ".assessments[0].needs").getValue()).as(path).isEqualTo(List.of("HOUSING", "DOCUMENTS"));
            assertThat(reply.field(path + ".referrals").toEntityList(Map.class)).as(path + ": its own case only")
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("kind", "NGO_CASE")
                            .containsEntry("to", Map.of("code", ngo.code())));
            assertHidden(reply, path + ".states", "CRIMINAL_RECORD");
            assertHidden(reply, path + ".identities", "IDENTITY");
            assertHidden(reply, path + ".nameVariants", "IDENTITY");
            assertHidden(reply, path + ".assessments[0].riskScore", "RISK_ASSESSMENT");
            assertHidden(reply, path + ".assessments[0].riskLevel", "RISK_ASSESSMENT");
            assertHidden(reply, path + ".custodyEpisodes[0].termStart", "CRIMINAL_RECORD");
            assertHidden(reply, path + ".custodyEpisodes[0].termEnd", "CRIMINAL_RECORD");
            assertHidden(reply, path + ".plannedRelease.type", "CRIMINAL_RECORD");
            assertHidden(reply, path + ".plannedRelease.custodyEpisode.termEnd", "CRIMINAL_RECORD");
            assertHidden(reply, path + ".programmes[0].basedOn.riskLevel", "RISK_ASSESSMENT");
        }
        assertHidden(reply, "releases.edges[0].node.type", "CRIMINAL_RECORD");
        assertHidden(reply, "releases.edges[0].node.custodyEpisode.termStart", "CRIMINAL_RECORD");
        assertThat(reply.field("referrals.edges").toEntityList(Map.class)).as("the referrals page: its own cases only")
                .singleElement().satisfies(edge -> assertThat(JSON.writeValueAsString(edge)).contains(ownNote));
        assertThat(reply.getErrors()).allSatisfy(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
            assertThat(REASONS).contains((String) error.getExtensions().get("reason"));
        });
        assertThat(data).contains(ownNote).doesNotContain(foreignNote).doesNotContain(otherNgo.code())
                .doesNotContain("ADMINISTRATIVE_SUPERVISION").doesNotContain("NO_ALCOHOL").doesNotContain("IN_CUSTODY")
                .doesNotContain("\"riskScore\":87").doesNotContain("HIGH").doesNotContain("PAROLE")
                .doesNotContain(termStart.toString()).doesNotContain(termEnd.toString()).doesNotContain(passport)
                .doesNotContain(variant).doesNotContain("KZ-CZN-75").doesNotContain("KZ-UZ-75").doesNotContain("EMPLOYMENT");
    }

    @Test
    @DisplayName("the NGO's case timeline has its own case and work, and no state, assessment, other referral or other NGO's case")
    void timeline() {
        List<Map<String, Object>> events = graphQlWithToken(ngo.token()).documentName("caseTimeline").variable("personId", person)
                .variable("first", 200).executeSync().field("caseTimeline.edges").getValue();
        List<String> kinds = events.stream().map(e -> (String) ((Map<?, ?>) e.get("node")).get("kind")).toList();
        String all = JSON.writeValueAsString(events);

        assertThat(kinds).doesNotContain("STATE", "ASSESSMENT").contains("REFERRAL", "CASE_WORK", "PROGRAMME");
        assertThat(all).contains("NGO contact PHONE on " + TODAY + ": " + ownNote).contains("NGO_CASE referral to " + ngo.code())
                .doesNotContain(foreignNote).doesNotContain(otherNgo.code()).doesNotContain("EMPLOYMENT referral")
                .doesNotContain("HEALTH referral").doesNotContain("ADMINISTRATIVE_SUPERVISION").doesNotContain("risk ");
        // the akimat, which assigned both cases, sees both, with the notes
        String akimat = JSON.writeValueAsString(graphQl("akimat-demo").documentName("caseTimeline").variable("personId", person)
                .variable("first", 200).executeSync().field("caseTimeline.edges").getValue());
        assertThat(akimat).contains(ownNote).contains(foreignNote).contains("EMPLOYMENT referral").contains("STATE");
    }

    @Test
    @DisplayName("a case assigned while the NGO is subscribed comes with the same fields hidden, and without the person's other referrals")
    void subscription() throws Exception {
        String second = filed(ReleaseRecords.validRelease(release).set("release.type", "PAROLE"));
        everythingAnNgoMustNotSee(second, Long.toString(1_000_000 + (System.nanoTime() + 1) % 8_000_000));
        // an NGO of its own, so the other tests' NGO keeps exactly one case
        TestNgo listener = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 10);
        try (var subscriber = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), listener.token())) {
            long before = Scannable.from(events.changes()).inners().count();
            subscriber.subscribe("cases", "subscription { caseAssigned { id person { id states { kind } identities { value }"
                    + " custodyEpisodes { termEnd } plannedRelease { date type } assessments { riskLevel needs } referrals { kind } } } }");
            await().atMost(Duration.ofSeconds(10)).until(() -> Scannable.from(events.changes()).inners().count() > before);
            assign(second, listener);
            JsonNode event = subscriber.next(10);
            assertThat(event).as("the case assigned").isNotNull();
            JsonNode payload = event.get("payload");
            JsonNode assigned = payload.get("data").get("caseAssigned").get("person");

            assertThat(assigned.get("id").asString()).isEqualTo(second);
            assertThat(assigned.get("states").isNull()).isTrue();
            assertThat(assigned.get("identities").isNull()).isTrue();
            assertThat(assigned.get("custodyEpisodes").get(0).get("termEnd").isNull()).isTrue();
            assertThat(assigned.get("plannedRelease").get("type").isNull()).isTrue();
            assertThat(assigned.get("plannedRelease").get("date").asString()).isEqualTo(release.toString());
            assertThat(assigned.get("assessments").get(0).get("riskLevel").isNull()).isTrue();
            assertThat(assigned.get("assessments").get(0).get("needs").toString()).contains("HOUSING");
            assertThat(assigned.get("referrals").toString()).contains("NGO_CASE").doesNotContain("EMPLOYMENT")
                    .doesNotContain("HEALTH");
            assertThat(payload.get("errors").toString()).contains("CRIMINAL_RECORD").contains("IDENTITY")
                    .contains("RISK_ASSESSMENT");
        }
    }

    @Test
    @DisplayName("another NGO's case of the same person does not exist for the NGO: accepting or declining it is NOT_FOUND, worded as a missing case")
    void anotherNgosCase() {
        var accept = graphQlWithToken(ngo.token()).documentName("acceptCase").variable("referralId", foreignCase).executeSync();
        var decline = graphQlWithToken(ngo.token()).documentName("declineCase").variable("referralId", foreignCase)
                .variable("reason", "чужой").executeSync();
        var missing = graphQlWithToken(ngo.token()).documentName("acceptCase").variable("referralId", "no-such-case").executeSync();

        assertErrorType(accept, "NOT_FOUND");
        assertErrorType(decline, "NOT_FOUND");
        assertThat(accept.getErrors().getFirst().getMessage())
                .isEqualTo(missing.getErrors().getFirst().getMessage().replace("no-such-case", foreignCase));
    }

    @Test
    @DisplayName("an NGO's notes on its case are seen by the akimat, probation and the penal system, not by the police or the employment centre, which see the person")
    void caseNotes() {
        for (String client : List.of("akimat-demo", "probation-demo", "kuis-demo")) {
            assertThat(notes(client).toString()).as(client).contains(ownNote).contains(foreignNote);
        }
        for (String client : List.of("police-demo", "labour-demo")) {
            var reply = graphQl(client).document("query ($id: ID!) { personById(id: $id) { referrals { kind contacts { kind note } } } }")
                    .variable("id", person).executeSync();
            assertThat((Object) reply.field("personById.referrals").getValue()).as(client).isNotNull();
            assertThat(JSON.writeValueAsString(reply.toMap().get("data"))).as(client).contains("PHONE")
                    .doesNotContain(ownNote).doesNotContain(foreignNote);
            assertThat(reply.getErrors()).as(client).isNotEmpty().allSatisfy(error ->
                    assertThat(error.getExtensions()).containsEntry("reason", "CASE_NOTES"));
        }
    }

    private List<Object> notes(String client) {
        return graphQl(client).document("query ($id: ID!) { personById(id: $id) { referrals { contacts { note } } } }")
                .variable("id", person).executeSync().field("personById.referrals").toEntityList(Object.class);
    }

    private static void assertHidden(ClientGraphQlResponse reply, String path, String reason) {
        var field = reply.field(path);
        assertThat((Object) field.getValue()).as(path).isNull();
        assertThat(field.getErrors()).as(path).extracting(ResponseError::getExtensions)
                .anySatisfy(extensions -> assertThat(extensions).containsEntry("reason", reason));
    }

    /**
     * A state of administrative supervision with restrictions, a risk assessment, a passport and a name
     * variant, a programme based on the assessment, an employment and a health referral.
     */
    private void everythingAnNgoMustNotSee(String id, String passportNumber) {
        ok(graphQl("probation-demo").documentName("recordPersonState").variable("input", Map.of("personId", id,
                "kind", "ADMINISTRATIVE_SUPERVISION", "from", TODAY.minusDays(1).toString(), "region", "KZ-75",
                "restrictions", List.of("NO_ALCOHOL", "NO_LEAVING_HOME_AT_SET_HOURS"), "sourceSystem", "COURT")).executeSync());
        String assessment = graphQl("probation-demo").documentName("recordAssessment").variable("input", Map.of("personId", id,
                "assessedOn", TODAY.toString(), "instrument", "RNR-KZ", "riskScore", 87, "riskLevel", "HIGH",
                "needs", List.of("HOUSING", "DOCUMENTS"))).executeSync().field("recordAssessment.id").getValue();
        ok(graphQl("kuis-demo").documentName("addIdentity").variable("input", Map.of("personId", id, "kind", "PASSPORT",
                "series", "MP", "number", passportNumber, "country", "KZ")).executeSync());
        ok(graphQl("kuis-demo").documentName("addNameVariant").variable("input", Map.of("personId", id, "surname", variant,
                "source", "KZ-OVD-75")).executeSync());
        ok(graphQl("akimat-demo").documentName("createProgramme").variable("input", Map.of("personId", id,
                "assessmentId", assessment, "measures", List.of(Map.of("domain", "HOUSING", "description", "Жильё",
                        "responsible", "KZ-MIO-75", "deadline", TODAY.plusMonths(3).toString())))).executeSync());
        ok(graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", id, "kind", "EMPLOYMENT",
                "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync());
        ok(graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", id, "kind", "HEALTH",
                "to", "KZ-UZ-75", "reason", "Лечение")).executeSync());
    }

    /** Assigned by the akimat, accepted by the NGO, with a phone contact noted: the case id. */
    private String assignedAndAccepted(String id, TestNgo to, String note) {
        String referral = assign(id, to);
        ok(graphQlWithToken(to.token()).documentName("acceptCase").variable("referralId", referral).executeSync());
        var input = new HashMap<String, Object>(Map.of("referralId", referral, "on", TODAY.toString(), "kind", "PHONE", "note", note));
        ok(graphQlWithToken(to.token()).documentName("recordCaseContact").variable("input", input).executeSync());
        return referral;
    }

    private String assign(String id, TestNgo to) {
        var reply = graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", id,
                "ngo", to.code(), "reason", "Сопровождение")).executeSync();
        ok(reply);
        return reply.field("assignCase.id").getValue();
    }

    private static void ok(ClientGraphQlResponse reply) {
        assertThat(reply.getErrors()).as("errors").isEmpty();
    }
}
