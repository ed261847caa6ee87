package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import reactor.core.Scannable;
import tools.jackson.databind.JsonNode;

/**
 * E6: the assigned NGO moves its case (starts it, records contacts and measures, completes it with an
 * outcome or hands it back); the assigning akimat sees every move on the referral, in the person's
 * timeline and as it happens; the NGO's feed brings the case back once per move. Each test has its
 * own NGO and persons, released into Almaty in a month.
 */
class NgoCaseWorkIT extends HubIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Autowired
    ReferralEvents events;

    private TestNgo ngo;
    private HttpSyncGraphQlClient caseworker;

    @BeforeEach
    void anNgo() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 10);
        caseworker = graphQlWithToken(ngo.token());
    }

    @Test
    @DisplayName("the NGO meets the person at the gate, works on the case, takes measures for the programme and outside it, and completes it HOUSED; the akimat sees it all on the referral, in the timeline and as it happens")
    void lifecycleSeenByTheAssigningParty() throws Exception {
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(1)));
        String housing = housingMeasure(person);
        String referral = assign(person);
        List<String> heard = new ArrayList<>();

        try (var akimat = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("akimat-demo"))) {
            long before = Scannable.from(events.changes()).inners().count();
            akimat.subscribe("case", "subscription { referralStatusChanged(referralId: \"" + referral + "\") { status contacts { kind } } }");
            await().atMost(Duration.ofSeconds(10)).until(() -> Scannable.from(events.changes()).inners().count() > before);

            ok(caseworker.documentName("acceptCase").variable("referralId", referral).executeSync());
            ok(contact(referral, TODAY, "MET_AT_GATE", "Встретили у ворот, отвезли в центр адаптации"));
            ok(caseworker.documentName("startCase").variable("referralId", referral).executeSync());
            ok(measure(referral, Map.of("measureId", housing, "note", "Заселён в центр адаптации")));
            ok(measure(referral, Map.of("domain", "DOCUMENTS", "note", "Подано заявление на удостоверение личности")));
            var completed = caseworker.documentName("completeCase").variable("input", Map.of("referralId", referral,
                    "outcome", "HOUSED", "note", "Живёт в центре адаптации, документы получены")).executeSync();
            ok(completed);
            for (int i = 0; i < 6; i++) {
                JsonNode event = akimat.next(10);
                assertThat(event).as("event %s", i).isNotNull();
                heard.add(event.get("payload").get("data").get("referralStatusChanged").get("status").asString());
            }
            assertThat((Object) completed.field("completeCase.caseOutcome").getValue()).isEqualTo("HOUSED");
        }

        assertThat(heard).containsExactly("ACCEPTED", "ACCEPTED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED");
        Map<String, Object> seen = ngoCase("akimat-demo", person, referral);
        assertThat(seen).containsEntry("status", "COMPLETED").containsEntry("caseOutcome", "HOUSED");
        assertThat(list(seen, "contacts")).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("kind", "MET_AT_GATE").containsEntry("on", TODAY.toString())
                .containsEntry("note", "Встретили у ворот, отвезли в центр адаптации").containsEntry("agency", ngo.code())
                .containsEntry("by", ngo.client()));
        assertThat(list(seen, "measuresTaken")).extracting(m -> m.get("domain"))
                .containsExactly("DOCUMENTS", "HOUSING");
        assertThat(list(seen, "measuresTaken")).extracting(m -> m.get("measure"))
                .containsExactly(null, Map.of("id", housing));
        assertThat(list(seen, "history")).extracting(h -> h.get("status"))
                .containsExactly("COMPLETED", "IN_PROGRESS", "ACCEPTED", "REQUESTED");

        List<String> timeline = summaries("akimat-demo", person);
        assertThat(timeline).contains(
                "NGO contact MET_AT_GATE on " + TODAY + ": Встретили у ворот, отвезли в центр адаптации",
                "NGO measure HOUSING for programme measure " + housing + " on " + TODAY + ": Заселён в центр адаптации",
                "NGO measure DOCUMENTS on " + TODAY + ": Подано заявление на удостоверение личности",
                "NGO_CASE referral to " + ngo.code() + ": COMPLETED (HOUSED): Живёт в центре адаптации, документы получены");
    }

    @Test
    @DisplayName("the NGO's feed brings its case back once for every move, contacts and measures included, and nothing after the last")
    void feedHasEveryMove() {
        String referral = assign(filed(ReleaseRecords.validRelease(TODAY.plusMonths(1))));
        String cursor = feed(null).field("myAssignedCases.pageInfo.endCursor").getValue();
        List<Runnable> moves = List.of(
                () -> ok(caseworker.documentName("acceptCase").variable("referralId", referral).executeSync()),
                () -> ok(contact(referral, TODAY, "PHONE", null)),
                () -> ok(caseworker.documentName("startCase").variable("referralId", referral).executeSync()),
                () -> ok(measure(referral, Map.of("domain", "BENEFITS", "note", "Оформлено пособие"))),
                () -> ok(contact(referral, TODAY, "OFFICE", "Пришёл в офис")),
                () -> ok(caseworker.documentName("completeCase").variable("input", Map.of("referralId", referral,
                        "outcome", "BENEFITS_ARRANGED")).executeSync()));
        List<String> statuses = new ArrayList<>();

        for (Runnable move : moves) {
            move.run();
            var page = feed(cursor);
            List<Map<String, Object>> edges = page.field("myAssignedCases.edges").getValue();
            assertThat(edges).as("the feed after a move").singleElement()
                    .satisfies(edge -> assertThat(((Map<?, ?>) edge.get("node")).get("id")).isEqualTo(referral));
            statuses.add((String) ((Map<?, ?>) edges.getFirst().get("node")).get("status"));
            cursor = page.field("myAssignedCases.pageInfo.endCursor").getValue();
        }

        assertThat(statuses).containsExactly("ACCEPTED", "ACCEPTED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED");
        assertThat(feed(cursor).field("myAssignedCases.edges").toEntityList(Map.class)).isEmpty();
    }

    @Test
    @DisplayName("a case handed back with a reason leaves the NGO's sight (its feed shows it without the person), and the akimat may assign it again")
    void handBack() {
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(1)));
        String referral = assign(person);
        String cursor = feed(null).field("myAssignedCases.pageInfo.endCursor").getValue();
        ok(caseworker.documentName("acceptCase").variable("referralId", referral).executeSync());
        assertBadRequest(caseworker.documentName("handBackCase").variable("referralId", referral).variable("reason", "  ")
                .executeSync(), "reason", "required");

        var handedBack = caseworker.documentName("handBackCase").variable("referralId", referral)
                .variable("reason", "Человек переехал в Шымкент").executeSync();

        assertThat((Object) handedBack.field("handBackCase.status").getValue()).isEqualTo("HANDED_BACK");
        var page = feed(cursor);
        var withoutPerson = new HashMap<String, Object>(Map.of("id", referral, "status", "HANDED_BACK"));
        withoutPerson.put("person", null);
        assertThat(page.field("myAssignedCases.edges").toEntityList(Map.class)).extracting(e -> e.get("node"))
                .containsExactly(withoutPerson);
        assertErrorType(contact(referral, TODAY, "PHONE", null), "NOT_FOUND");
        assertErrorType(graphQlWithToken(ngo.token()).documentName("personCase").variable("id", person).executeSync(), "NOT_FOUND");
        assertThat(ngoCase("akimat-demo", person, referral)).containsEntry("status", "HANDED_BACK");
        assertThat(summaries("akimat-demo", person))
                .contains("NGO_CASE referral to " + ngo.code() + ": HANDED_BACK: Человек переехал в Шымкент");
        assertThat((Object) graphQl("akimat-demo").document("{ party(code: \"" + ngo.code() + "\") { ... on Ngo { openCases } } }")
                .executeSync().field("party.openCases").getValue()).isEqualTo(0);
        assertThat(assign(person)).as("assigned again").isNotEqualTo(referral);
    }

    @Test
    @DisplayName("the NGO records work only on a case it accepted and has not closed, on days from the assignment to today, with measures of the person's own programme and never health care")
    void rules() {
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(1)));
        String other = filed(ReleaseRecords.validRelease(TODAY.plusMonths(1)));
        String othersMeasure = housingMeasure(other);
        String referral = assign(person);

        assertBadRequest(contact(referral, TODAY, "PHONE", null), "input.referralId", "case.status");
        assertBadRequest(caseworker.documentName("startCase").variable("referralId", referral).executeSync(), "referralId", "case.status");
        ok(caseworker.documentName("acceptCase").variable("referralId", referral).executeSync());
        assertBadRequest(contact(referral, TODAY.plusDays(1), "PHONE", null), "input.on", "date.future");
        assertBadRequest(contact(referral, TODAY.minusDays(1), "PHONE", null), "input.on", "date.beforeCase");
        assertBadRequest(contact(referral, TODAY, "PHONE", "x".repeat(1001)), "input.note", "text.length");
        assertBadRequest(measure(referral, Map.of("domain", "HEALTH", "note", "Сопроводили в диспансер")), "input.domain",
                "caseMeasure.health");
        assertBadRequest(measure(referral, Map.of("measureId", othersMeasure)), "input.measureId", "measure.unknown");
        assertBadRequest(measure(referral, Map.of("note", "Что-то сделали")), "input.domain", "required");
        assertBadRequest(measure(referral, Map.of("domain", "EDUCATION")), "input.note", "required");
        ok(caseworker.documentName("completeCase").variable("input", Map.of("referralId", referral, "outcome", "LOST_CONTACT"))
                .executeSync());
        assertBadRequest(caseworker.documentName("completeCase").variable("input", Map.of("referralId", referral,
                "outcome", "HOUSED")).executeSync(), "input.referralId", "case.status");
        assertBadRequest(contact(referral, TODAY, "PHONE", null), "input.referralId", "case.status");
        assertThat(list(ngoCase("akimat-demo", person, referral), "contacts")).isEmpty();
    }

    @Test
    @DisplayName("only the NGO the case is assigned to moves it: to another NGO it does not exist, the akimat's roles do not allow it")
    void onlyTheAssignedNgo() {
        TestNgo another = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 10);
        String person = filed(ReleaseRecords.validRelease(TODAY.plusMonths(1)));
        String referral = assign(person);
        ok(caseworker.documentName("acceptCase").variable("referralId", referral).executeSync());

        var foreign = graphQlWithToken(another.token()).documentName("startCase").variable("referralId", referral).executeSync();
        var missing = graphQlWithToken(another.token()).documentName("startCase").variable("referralId", "no-such-case").executeSync();

        assertErrorType(foreign, "NOT_FOUND");
        assertThat(foreign.getErrors().getFirst().getMessage())
                .isEqualTo(missing.getErrors().getFirst().getMessage().replace("no-such-case", referral));
        assertErrorType(graphQl("akimat-demo").documentName("completeCase").variable("input", Map.of("referralId", referral,
                "outcome", "HOUSED")).executeSync(), "FORBIDDEN");
        assertBadRequest(graphQl("akimat-demo").documentName("moveReferral").variable("input", Map.of("referralId", referral,
                "status", "HANDED_BACK", "note", "не наше")).executeSync(), "input.status", "referral.transition");
        assertThat(ngoCase("akimat-demo", person, referral)).containsEntry("status", "ACCEPTED");
    }

    /** The akimat draws up the person's programme with one measure, housing, the NGO's to do: its id. */
    private String housingMeasure(String person) {
        return (String) graphQl("akimat-demo").documentName("createProgramme").variable("input", Map.of(
                        "personId", person, "measures", List.of(Map.of("domain", "HOUSING", "description", "Место в центре адаптации",
                                "responsible", ngo.code(), "deadline", TODAY.plusMonths(2).toString()))))
                .executeSync().field("createProgramme.measures").toEntityList(Map.class).getFirst().get("id");
    }

    private String assign(String person) {
        var reply = graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", ngo.code(), "reason", "Сопровождение после освобождения")).executeSync();
        ok(reply);
        return reply.field("assignCase.id").getValue();
    }

    private ClientGraphQlResponse contact(String referral, LocalDate on, String kind, String note) {
        var input = new HashMap<String, Object>(Map.of("referralId", referral, "on", on.toString(), "kind", kind));
        if (note != null) {
            input.put("note", note);
        }
        return caseworker.documentName("recordCaseContact").variable("input", input).executeSync();
    }

    private ClientGraphQlResponse measure(String referral, Map<String, Object> fields) {
        var input = new HashMap<String, Object>(fields);
        input.put("referralId", referral);
        input.put("on", TODAY.toString());
        return caseworker.documentName("recordCaseMeasure").variable("input", input).executeSync();
    }

    private ClientGraphQlResponse feed(String since) {
        return caseworker.documentName("myAssignedCases").variable("updatedSince", since).variable("first", 500).executeSync();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ngoCase(String client, String person, String referral) {
        var reply = graphQl(client).documentName("ngoCases").variable("id", person).executeSync();
        ok(reply);
        return reply.field("personById.referrals").toEntityList(Map.class).stream()
                .filter(r -> referral.equals(r.get("id"))).map(r -> (Map<String, Object>) r).findFirst().orElseThrow();
    }

    private List<String> summaries(String client, String person) {
        return graphQl(client).documentName("caseTimeline").variable("personId", person).variable("first", 200).executeSync()
                .field("caseTimeline.edges").toEntityList(Map.class).stream()
                .map(e -> (String) ((Map<?, ?>) e.get("node")).get("summary")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> node, String field) {
        return (List<Map<String, Object>>) node.get(field);
    }

    private static void ok(ClientGraphQlResponse reply) {
        assertThat(reply.getErrors()).as("errors").isEmpty();
    }
}
