package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

import kz.reentry.hub.support.GraphQlWsClient;
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
