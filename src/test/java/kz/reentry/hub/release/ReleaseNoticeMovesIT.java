package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** E1 when the chosen residence changes (order 392 cl. 50): a new notice to the new bodies, a withdrawal to the old. */
class ReleaseNoticeMovesIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final StandInReceivers STAND_INS = StandInReceivers.INSTANCE;

    @Test
    @DisplayName("order 392 cl. 50: a residence corrected twice: the akimat and police of each new residence get the notice, those of each old one a withdrawal")
    void residenceMovedTwice() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2));
        String person = filed(record);
        await().atMost(PATIENCE).until(() -> messages("akimat", record.iin(), "E1 release notice (order 392, cl. 50)").size() == 1
                && messages("police", record.iin(), "E1 release notice (order 392, cl. 50)").size() == 1);

        filed(record.newMessage().set("release.residenceRegion", "KZ-71"));
        // the new residence's akimat and police (both on the bus) get the notice; Almaty's a withdrawal
        await().atMost(PATIENCE).until(() -> messages("bus", record.iin(), "E1 release notice (order 392, cl. 50)").size() == 2);
        var withdrawn = await().atMost(PATIENCE).until(() -> messages("akimat", record.iin(),
                "E1 release notice withdrawn (order 392, cl. 50)"), found -> found.size() == 1).getFirst();
        assertThat(withdrawn.content().get("reason").asString()).contains("KZ-71");
        await().atMost(PATIENCE).until(() -> messages("police", record.iin(), "E1 release notice withdrawn (order 392, cl. 50)").size() == 1);

        filed(record.newMessage().set("release.residenceRegion", "KZ-47"));
        await().atMost(PATIENCE).until(() -> messages("bus", record.iin(), "E1 release notice withdrawn (order 392, cl. 50)").size() == 2);

        // each residence had its notice; only the last is in force, still owed (KZ-47 has no receiver)
        var notices = driver.executableQuery("""
                MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:CONCERNS]->(:Person {id: $id}), (o)-[:IN_REGION]->(r:Region)
                RETURN r.code AS region, o.status AS status, o.withdrawnAt IS NOT NULL AS withdrawn ORDER BY o.createdAt""")
                .withParameters(Map.of("id", person)).execute().records().stream()
                .map(r -> r.get("region").asString() + ":" + r.get("status").asString() + ":" + r.get("withdrawn").asBoolean())
                .toList();
        assertThat(notices).containsExactly("KZ-75:MET:true", "KZ-71:MET:true", "KZ-47:OPEN:false");
        // nothing more to Almaty
        assertThat(messages("akimat", record.iin(), "E1 release notice (order 392, cl. 50)")).hasSize(1);
    }

    @Test
    @DisplayName("order 392 cl. 50: a residence in a district of Almaty: the notice goes to the district's akimat and police; moved to another district, those get it and the first a withdrawal")
    void districtBodies() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3)).set("release.residenceDistrict", "KZ-75-BOS");
        filed(record);
        await().atMost(PATIENCE).until(() -> recipients(record.iin(), "E1 release notice (order 392, cl. 50)")
                .containsAll(List.of("KZ-MIO-75-BOS", "KZ-OVD-75-BOS")));

        filed(record.newMessage().set("release.residenceDistrict", "KZ-75-MED"));
        await().atMost(PATIENCE).until(() -> recipients(record.iin(), "E1 release notice (order 392, cl. 50)")
                .containsAll(List.of("KZ-MIO-75-MED", "KZ-OVD-75-MED")));
        await().atMost(PATIENCE).until(() -> recipients(record.iin(), "E1 release notice withdrawn (order 392, cl. 50)")
                .containsAll(List.of("KZ-MIO-75-BOS", "KZ-OVD-75-BOS")));
        // the city's own bodies were never addressed: the district ones were known
        assertThat(recipients(record.iin(), "E1 release notice (order 392, cl. 50)")).doesNotContain("KZ-MIO-75", "KZ-OVD-75");
        assertThat((Object) graphQl("akimat-demo").document("query ($id: ID!) { personById(id: $id) { plannedRelease { residenceDistrict } } }")
                .variable("id", personOf(record)).executeSync().field("personById.plannedRelease.residenceDistrict").getValue())
                .isEqualTo("KZ-75-MED");
    }

    @Test
    @DisplayName("a district that is not in the residence region is refused with its reason")
    void districtOfAnotherRegion() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3)).set("release.residenceDistrict", "KZ-71-ESL");
        var reply = postRelease(record.json());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo("release.residenceDistrict");
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("district.unknown");
    }

    /** The addressees of the E1 messages about the person, as the city's systems received them. */
    private static List<String> recipients(String iin, String notice) {
        return java.util.stream.Stream.of("akimat", "police").flatMap(receiver -> messages(receiver, iin, notice).stream())
                .map(received -> JSON.readTree(received.body()).get("recipient").asString()).toList();
    }

    private String personOf(ReleaseRecords record) {
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id").withParameters(Map.of("iin", record.iin()))
                .execute().records().getFirst().get("id").asString();
    }

    private static List<StandInReceivers.Received> messages(String receiver, String iin, String notice) {
        return STAND_INS.receiver(receiver).applied().stream().filter(r -> "E1".equals(r.exchange()))
                .filter(r -> iin.equals(r.content().get("person").get("iin").asString()))
                .filter(r -> notice.equals(r.content().get("notice").asString())).toList();
    }
}
