package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubscriptionIT extends HubIntegrationTest {

    @Test
    @DisplayName("an NGO subscribed over graphql-ws hears of a case assigned to it, and not of a case assigned to another NGO")
    void caseAssigned() throws Exception {
        try (var ngo = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("ngo2-demo"))) {
            ngo.subscribe("cases", "subscription { caseAssigned { id status person { id } to { code } } }");
            Thread.sleep(300);

            assign(filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 1))), "NGO-KZ-75-0001");
            String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 2)));
            String referral = assign(person, "NGO-KZ-71-0001");

            var message = ngo.next(10);
            assertThat(message).isNotNull();
            assertThat(message.get("type").asString()).isEqualTo("next");
            var assigned = message.get("payload").get("data").get("caseAssigned");
            assertThat(assigned.get("id").asString()).isEqualTo(referral);
            assertThat(assigned.get("person").get("id").asString()).isEqualTo(person);
            assertThat(ngo.next(1)).isNull();
        }
    }

    @Test
    @DisplayName("each event of a subscription is logged on its own, naming only the person of that event, and another NGO's case is neither sent nor logged")
    void eventsLoggedOneByOne() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("ngo2-subscriber");
        String first;
        String second;
        String foreign;
        try (var ngo = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("ngo2-demo"),
                endUser)) {
            ngo.subscribe("cases", "subscription { caseAssigned { id person { id surname } } }");
            Thread.sleep(300);

            first = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 4)));
            assign(first, "NGO-KZ-71-0001");
            assertThat(ngo.next(10)).isNotNull();
            foreign = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 5)));
            assign(foreign, "NGO-KZ-75-0001");
            second = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 6)));
            assign(second, "NGO-KZ-71-0001");
            var next = ngo.next(10);
            assertThat(next.get("payload").get("data").get("caseAssigned").get("person").get("id").asString())
                    .isEqualTo(second);
            assertThat(ngo.next(1)).isNull();
        }

        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-71-0001"), endUser);
        assertThat(logged).extracting(e -> e.get("persons")).containsExactly(List.of(second), List.of(first));
        assertThat(logged).allSatisfy(e -> assertThat(e).containsEntry("client", "ngo2-demo")
                .containsEntry("operation", "SUBSCRIPTION caseAssigned").containsEntry("outcome", "DISCLOSED"));
    }

    @Test
    @DisplayName("a subscription without X-End-User is refused, naming the headers, and the refusal is logged")
    void subscriptionNeedsPurpose() throws Exception {
        String purpose = DisclosureLog.uniqueEndUser("purpose-without-user");
        try (var ngo = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("ngo2-demo"),
                Map.of("X-Purpose", purpose), Map.of())) {
            ngo.subscribe("cases", "subscription { caseAssigned { id person { id } } }");

            var message = ngo.next(10);
            assertThat(message).isNotNull();
            assertThat(message.toString()).contains("request.purpose").contains("X-End-User").doesNotContain("\"data\"");
        }
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-71-0001")))
                .filteredOn(entry -> purpose.equals(entry.get("purpose"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: no X-End-User or X-Purpose"));
    }

    @Test
    @DisplayName("a browser, which cannot set handshake headers, names the end user and purpose in connection_init, and they are logged")
    void purposeInConnectionInit() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("browser-user");
        try (var ngo = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("ngo2-demo"),
                Map.of(), Map.of("X-End-User", endUser, "X-Purpose", "case-from-browser"))) {
            ngo.subscribe("cases", "subscription { caseAssigned { id person { id } } }");
            Thread.sleep(300);
            String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 7)));
            assign(person, "NGO-KZ-71-0001");

            var message = ngo.next(10);
            assertThat(message.get("type").asString()).isEqualTo("next");
            assertThat(message.get("payload").get("data").get("caseAssigned").get("person").get("id").asString())
                    .isEqualTo(person);
            assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                    .singleElement().satisfies(entry -> assertThat(entry).containsEntry("purpose", "case-from-browser")
                            .containsEntry("client", "ngo2-demo"));
        }
    }

    private long refusalsWithoutPurpose() {
        return DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-71-0001")).stream()
                .filter(e -> "REFUSED at the edge: no X-End-User or X-Purpose".equals(e.get("operation"))).count();
    }

    @Test
    @DisplayName("the sender of a referral hears of each status change the receiver makes")
    void referralStatusChanged() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 3)));
        String referral = graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync().field("openReferral.id").getValue();

        try (var akimat = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), tokenFor("akimat-demo"))) {
            akimat.subscribe("changes", "subscription($id: ID) { referralStatusChanged(referralId: $id) { id status } }"
                    .replace("($id: ID)", "").replace("(referralId: $id)", "(referralId: \"" + referral + "\")"));
            Thread.sleep(300);
            graphQl("labour-demo").documentName("moveReferral").variable("input", Map.of("referralId", referral,
                    "status", "ACCEPTED")).executeSync();

            var message = akimat.next(10);
            assertThat(message).isNotNull();
            assertThat(message.get("payload").get("data").get("referralStatusChanged").get("status").asString())
                    .isEqualTo("ACCEPTED");
        }
    }

    private String assign(String person, String ngo) {
        return graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", ngo, "reason", "Сопровождение")).executeSync().field("assignCase.id").getValue();
    }
}
