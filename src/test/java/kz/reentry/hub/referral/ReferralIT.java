package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

/** NGO cases go to NGOs each test registers for itself (one in Almaty, one in Astana), not to the shared demo NGOs. */
class ReferralIT extends HubIntegrationTest {

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private HubTokens tokens;
    private TestNgo almatyNgo;
    private TestNgo astanaNgo;

    @BeforeEach
    void ngos() {
        tokens = new HubTokens(hubSigningKeys);
        almatyNgo = TestNgo.register(driver, tokens, "KZ-75", 10);
        astanaNgo = TestNgo.register(driver, tokens, "KZ-71", 10);
    }

    @Test
    @DisplayName("a health referral (E3) goes REQUESTED, RECEIVED, ACCEPTED, IN_PROGRESS, COMPLETED by the health body, with an outcome and its history")
    void healthReferralLifecycle() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2038, 1, 1)));
        String referral = open(person, "HEALTH", "KZ-UZ-75").field("openReferral.id").getValue();

        for (String status : List.of("RECEIVED", "ACCEPTED", "IN_PROGRESS")) {
            assertThat(move("health-demo", referral, status, null, null).getErrors()).as(status).isEmpty();
        }
        assertBadRequest(move("health-demo", referral, "COMPLETED", null, null), "input.outcome", "required");
        var completed = move("health-demo", referral, "COMPLETED", "Лечение продолжено", "Взят на диспансерный учёт");

        assertThat((Object) completed.field("moveReferral.status").getValue()).isEqualTo("COMPLETED");
        assertThat((Object) completed.field("moveReferral.outcome").getValue()).isEqualTo("Взят на диспансерный учёт");
        assertThat(completed.field("moveReferral.history").toEntityList(Map.class)).extracting(h -> h.get("status"))
                .containsExactly("COMPLETED", "IN_PROGRESS", "ACCEPTED", "RECEIVED", "REQUESTED");
    }

    @Test
    @DisplayName("the receiver moves a referral forward, the sender may only cancel it, and nobody skips or reverses a step")
    void whoMovesWhat() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2038, 1, 2)));
        String referral = open(person, "EMPLOYMENT", "KZ-CZN-75").field("openReferral.id").getValue();

        // the health body does not see the person at all; probation sees it but is neither sender nor receiver
        assertErrorType(move("health-demo", referral, "ACCEPTED", null, null), "NOT_FOUND");
        var notTheirs = move("probation-demo", referral, "ACCEPTED", null, null);
        assertErrorType(notTheirs, "FORBIDDEN");
        // the reason is the record's, not the roles' (probation's roles do allow moveReferral)
        assertThat(notTheirs.getErrors().getFirst().getMessage()).contains("only the sender or the receiver");
        assertBadRequest(move("akimat-demo", referral, "ACCEPTED", null, null), "input.status", "referral.transition");
        assertBadRequest(move("labour-demo", referral, "IN_PROGRESS", null, null), "input.status", "referral.transition");
        assertThat((Object) move("akimat-demo", referral, "CANCELLED", "Уехал из региона", null)
                .field("moveReferral.status").getValue()).isEqualTo("CANCELLED");
        assertBadRequest(move("labour-demo", referral, "ACCEPTED", null, null), "input.status", "referral.transition");
    }

    @Test
    @DisplayName("a referral must go to the right kind of party, once at a time, with a reason")
    void openingRules() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2038, 1, 3)));

        assertBadRequest(open(person, "HEALTH", "KZ-CZN-75"), "input.to", "referral.receiver");
        assertBadRequest(open(person, "EMPLOYMENT", "KZ-NOBODY"), "input.to", "party.unknown");
        assertBadRequest(open(person, "NGO_CASE", almatyNgo.code()), "input.kind", "referral.ngoCase");
        open(person, "EMPLOYMENT", "KZ-CZN-75");
        assertBadRequest(open(person, "EMPLOYMENT", "KZ-CZN-75"), "input.to", "referral.open");
    }

    @Test
    @DisplayName("a case assigned to an NGO is accepted or declined by that NGO only")
    void ngoAssignment() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2038, 1, 4)));
        String accepted = assign(person, almatyNgo.code()).field("assignCase.id").getValue();
        String other = filed(ReleaseRecords.validRelease(LocalDate.of(2038, 1, 5)));
        String declined = assign(other, almatyNgo.code()).field("assignCase.id").getValue();

        // another NGO's case reads as a case that does not exist, also when it tries to decline it
        var foreign = graphQlWithToken(astanaNgo.token()).documentName("acceptCase").variable("referralId", accepted).executeSync();
        var missing = graphQlWithToken(astanaNgo.token()).documentName("acceptCase").variable("referralId", "no-such-case").executeSync();
        assertErrorType(foreign, "NOT_FOUND");
        assertThat(foreign.getErrors().getFirst().getMessage())
                .isEqualTo(missing.getErrors().getFirst().getMessage().replace("no-such-case", accepted));
        assertErrorType(graphQlWithToken(astanaNgo.token()).documentName("declineCase").variable("referralId", declined)
                .variable("reason", "Чужой случай").executeSync(), "NOT_FOUND");
        var taken = graphQlWithToken(almatyNgo.token()).documentName("acceptCase").variable("referralId", accepted).executeSync();
        var refused = graphQlWithToken(almatyNgo.token()).documentName("declineCase").variable("referralId", declined)
                .variable("reason", "Нет мест в регионе проживания").executeSync();

        assertThat((Object) taken.field("acceptCase.status").getValue()).isEqualTo("ACCEPTED");
        assertThat((Object) refused.field("declineCase.status").getValue()).isEqualTo("REJECTED");
        assertThat((Object) refused.field("declineCase.history[0].note").getValue()).isEqualTo("Нет мест в регионе проживания");
        assertBadRequest(assign(person, "KZ-MIO-75"), "input.ngo", "party.notNgo");
    }

    @Test
    @DisplayName("an NGO syncing with updatedSince gets every change of its cases once, including a case that changed again, and none of another NGO's")
    void incrementalSync() {
        String start = feedEnd();
        String first = caseOfAstanaNgo(LocalDate.of(2038, 2, 1));
        String second = caseOfAstanaNgo(LocalDate.of(2038, 2, 2));
        assign(filed(ReleaseRecords.validRelease(LocalDate.of(2038, 2, 3))), almatyNgo.code());

        var batch1 = sync(start, 1);
        var batch2 = sync(cursor(batch1), 10);
        graphQlWithToken(astanaNgo.token()).documentName("acceptCase").variable("referralId", first).executeSync();
        var batch3 = sync(cursor(batch2), 10);
        var batch4 = sync(cursor(batch3), 10);

        assertThat(ids(batch1)).containsExactly(first);
        assertThat((Object) batch1.field("myAssignedCases.pageInfo.hasNextPage").getValue()).isEqualTo(true);
        assertThat(ids(batch2)).containsExactly(second);
        assertThat(ids(batch3)).containsExactly(first);
        assertThat((Object) batch3.field("myAssignedCases.edges[0].node.status").getValue()).isEqualTo("ACCEPTED");
        assertThat(ids(batch4)).isEmpty();
    }

    @Test
    @DisplayName("an NGO that declined a case still pulls its feed: the declined case without the person, the others with theirs")
    void feedAfterDecline() {
        String start = feedEnd();
        String kept = caseOfAstanaNgo(LocalDate.of(2038, 4, 1));
        String declined = caseOfAstanaNgo(LocalDate.of(2038, 4, 2));
        graphQlWithToken(astanaNgo.token()).documentName("declineCase").variable("referralId", declined)
                .variable("reason", "Нет мест").executeSync();

        var feed = sync(start, 10);

        assertThat(feed.getErrors()).isEmpty();
        List<Map<String, Object>> edges = feed.field("myAssignedCases.edges").getValue();
        Map<String, Map<String, Object>> byId = edges.stream().map(edge -> (Map<String, Object>) edge.get("node"))
                .collect(java.util.stream.Collectors.toMap(node -> (String) node.get("id"), node -> node, (a, b) -> b));
        assertThat(byId.get(kept).get("person")).isNotNull();
        assertThat(byId.get(declined)).containsEntry("status", "REJECTED").containsEntry("person", null);
    }

    @Test
    @DisplayName("an NGO cannot take more open cases than its capacity")
    void capacity() {
        String ngo = TestNgo.register(driver, tokens, "KZ-75", 2).code();
        var first = assign(filed(ReleaseRecords.validRelease(LocalDate.of(2038, 3, 1))), ngo);
        var second = assign(filed(ReleaseRecords.validRelease(LocalDate.of(2038, 3, 2))), ngo);
        var third = assign(filed(ReleaseRecords.validRelease(LocalDate.of(2038, 3, 3))), ngo);

        assertThat(first.getErrors()).isEmpty();
        assertThat(second.getErrors()).isEmpty();
        assertBadRequest(third, "input.ngo", "ngo.capacity");
    }

    /** Where the Astana NGO's feed ends now: a sync from here sees only what the test changes. */
    private String feedEnd() {
        return graphQlWithToken(astanaNgo.token()).documentName("myAssignedCases").variable("first", 500).executeSync()
                .field("myAssignedCases.pageInfo.endCursor").getValue();
    }

    /** A person released on {@code release}, assigned to the Astana NGO: the case id. */
    private String caseOfAstanaNgo(LocalDate release) {
        return assign(filed(ReleaseRecords.validRelease(release)), astanaNgo.code()).field("assignCase.id").getValue();
    }

    private ClientGraphQlResponse sync(String since, int first) {
        return graphQlWithToken(astanaNgo.token()).documentName("myAssignedCases").variable("updatedSince", since)
                .variable("first", first).executeSync();
    }

    private static String cursor(ClientGraphQlResponse page) {
        String end = page.field("myAssignedCases.pageInfo.endCursor").getValue();
        return end;
    }

    private static List<String> ids(ClientGraphQlResponse page) {
        List<String> ids = new ArrayList<>();
        page.field("myAssignedCases.edges").toEntityList(Map.class)
                .forEach(e -> ids.add((String) ((Map<?, ?>) e.get("node")).get("id")));
        return ids;
    }

    private ClientGraphQlResponse open(String person, String kind, String to) {
        return graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", kind, "to", to, "reason", "Продолжение лечения после освобождения")).executeSync();
    }

    private ClientGraphQlResponse assign(String person, String ngo) {
        return graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", ngo, "reason", "Сопровождение после освобождения")).executeSync();
    }

    private ClientGraphQlResponse move(String client, String referral, String status, String note, String outcome) {
        var input = new HashMap<String, Object>(Map.of("referralId", referral, "status", status));
        if (note != null) {
            input.put("note", note);
        }
        if (outcome != null) {
            input.put("outcome", outcome);
        }
        return graphQl(client).documentName("moveReferral").variable("input", input).executeSync();
    }
}
