package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.release.ReleaseNotices;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import kz.reentry.hub.support.StandInReceivers.Received;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * E1 and E2 leave the hub through the outbox and reach the stand-in receivers (real HTTP servers on
 * localhost): once each, with the end user and purpose of the request that caused them, through a
 * receiver's outage, and into the dead-letter state and back when the outage outlasts the retries.
 */
@SuppressWarnings("unchecked")
class DeliveryIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ReleaseNotices releaseNotices;

    private final StandInReceivers standIns = StandInReceivers.INSTANCE;

    @Test
    @DisplayName("a release registered with less than a year left sends the E1 notice to the akimat and the police of the residence, once each, with who asked and why; the notice obligation is met")
    void releaseNoticeDelivered() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3))
                .set("release.housing", "у матери, г. Астана").set("release.capacityToWork", "FULL")
                .set("release.specialities", "сварщик");
        String person = filed(record);

        Received akimat = await().atMost(PATIENCE).until(() -> appliedFor("akimat", record.iin()), found -> found != null);
        Received police = await().atMost(PATIENCE).until(() -> appliedFor("police", record.iin()), found -> found != null);

        assertThat(akimat.exchange()).isEqualTo("E1");
        assertThat(akimat.endUser()).isEqualTo(END_USER);
        assertThat(akimat.purpose()).isEqualTo(PURPOSE);
        assertThat(akimat.senderId()).isEqualTo("REENTRY-HUB");
        assertThat(akimat.content().get("release").get("housing").asString()).isEqualTo("у матери, г. Астана");
        assertThat(akimat.content().get("release").get("specialities").asString()).isEqualTo("сварщик");
        assertThat(police.messageId()).isNotEqualTo(akimat.messageId());
        assertThat(standIns.receiver("akimat").deliveries(akimat.messageId())).isEqualTo(1);

        var messages = await().atMost(PATIENCE).until(() -> messages(Map.of("person", person)),
                found -> found.size() == 2 && found.stream().allMatch(m -> m.get("status").equals("DELIVERED")));
        assertThat(messages).extracting(m -> m.get("recipient")).containsExactlyInAnyOrder("KZ-MIO-75", "KZ-OVD-75");
        var toAkimat = messages.stream().filter(m -> m.get("recipient").equals("KZ-MIO-75")).findFirst().orElseThrow();
        assertThat(toAkimat).containsEntry("receiver", "akimat-75").containsEntry("endUser", END_USER)
                .containsEntry("causedBy", "kuis-demo")
                .containsEntry("responseHash", Sha256.hex("{\"received\":\"" + akimat.messageId() + "\"}"));
        assertThat(await().atMost(PATIENCE).until(() -> obligationStatus(person, "E1_RELEASE_NOTICE"), "MET"::equals)).isEqualTo("MET");
    }

    @Test
    @DisplayName("the daily schedule sends each notice on the day it falls due, and a second run sends nothing again")
    void scheduledNotices() {
        // the schedule sends every notice due by a day, whoever's: first send those other tests left due
        // up to the day after, so that what the runs below count is this test's person alone
        releaseNotices.enqueueAllDue(LocalDate.of(2035, 9, 15));
        var record = ReleaseRecords.validRelease(LocalDate.of(2036, 9, 14));
        String person = filed(record);

        int dayBefore = releaseNotices.enqueueAllDue(LocalDate.of(2035, 9, 13));
        assertThat(messages(Map.of("person", person))).isEmpty();

        int onTheDay = releaseNotices.enqueueAllDue(LocalDate.of(2035, 9, 14));
        int again = releaseNotices.enqueueAllDue(LocalDate.of(2035, 9, 15));

        assertThat(dayBefore).isZero();
        assertThat(onTheDay).as("the akimat's and the police's notice").isEqualTo(2);
        assertThat(messages(Map.of("person", person))).hasSize(2);
        assertThat(again).isZero();
        Received police = await().atMost(PATIENCE).until(() -> appliedFor("police", record.iin()), found -> found != null);
        // no person at a keyboard asked for it: the schedule and the legal ground stand in, in the envelope and the headers
        assertThat(police.endUser()).isEqualTo("system:e1-schedule");
        assertThat(police.endUserHeader()).isEqualTo("system:e1-schedule");
        assertThat(police.purposeHeader()).isEqualTo("E1 release notice, order 392 cl. 50");
    }

    @Test
    @DisplayName("a recorded release sends the programme (E2) to the akimat of the destination over the e-government bus (SOAP), health details withheld")
    void programmeOverSoap() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2041, 2, 1));
        String person = filed(record);
        // E2 is met by a programme only (cl. 43): one is drawn up before the release is recorded
        assertThat(graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                "measures", List.of(Map.of("domain", "HOUSING", "description", "Жильё", "responsible", "KZ-MIO-71",
                        "deadline", "2041-03-01")))).executeSync().getErrors()).isEmpty();
        var released = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", "2041-01-29", "type", "END_OF_TERM", "destinationRegion", "KZ-71", "sourceSystem", "KUIS")).executeSync();
        assertThat(released.getErrors()).isEmpty();

        Received programme = await().atMost(PATIENCE).until(() -> appliedFor("bus", record.iin()), found -> found != null);

        assertThat(programme.exchange()).isEqualTo("E2");
        assertThat(programme.body()).contains("<bus:SendMessage").contains("<senderId>REENTRY-HUB</senderId>")
                .contains("<messageDate>").contains("<purpose>" + PURPOSE + "</purpose>");
        assertThat(programme.content().get("release").get("destinationRegion").asString()).isEqualTo("KZ-71");
        assertThat(await().atMost(PATIENCE).until(() -> obligationStatus(person, "E2_PROGRAMME_DELIVERY"), "MET"::equals))
                .isEqualTo("MET");
    }

    @Test
    @DisplayName("a receiver that is down for a while gets every message exactly once when it recovers")
    void receiverRecovers() throws Exception {
        var police = standIns.receiver("police");
        police.down();
        List<ReleaseRecords> records = List.of(
                ReleaseRecords.validRelease(LocalDate.now().plusMonths(4)),
                ReleaseRecords.validRelease(LocalDate.now().plusMonths(5)),
                ReleaseRecords.validRelease(LocalDate.now().plusMonths(6)));
        try {
            records.forEach(this::filed);
            await().atMost(PATIENCE).until(() -> records.stream().allMatch(r -> wasRefused(police, r)));
        } finally {
            police.up();
        }

        for (var record : records) {
            String person = personId(record);
            await().atMost(PATIENCE).until(() -> messages(Map.of("person", person)),
                    found -> found.size() == 2 && found.stream().allMatch(m -> m.get("status").equals("DELIVERED")));
        }
        // delivered, and still exactly once after several more dispatcher polls (100 ms each)
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> records.stream()
                .allMatch(r -> deliveredOnce("police", r) && deliveredOnce("akimat", r)));
    }

    @Test
    @DisplayName("a message whose answer was lost is sent again with the same id, and the receiver applies it once")
    void lostAnswer() {
        var police = standIns.receiver("police");
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(7));
        police.answerLateOnce();
        String person = filed(record);

        var delivered = await().atMost(PATIENCE).until(() -> messages(Map.of("person", person, "recipient", "KZ-OVD-75")),
                found -> found.size() == 1 && found.getFirst().get("status").equals("DELIVERED")).getFirst();

        assertThat((Integer) delivered.get("attempts")).isEqualTo(2);
        assertThat(police.deliveries((String) delivered.get("id"))).isEqualTo(2);
        assertThat(police.applied()).filteredOn(r -> r.messageId().equals(delivered.get("id"))).hasSize(1);
    }

    @Test
    @DisplayName("after the retry budget a message is dead, visible with its last error, and a replay delivers it")
    void deadLetterAndReplay() {
        var akimat = standIns.receiver("akimat");
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2));
        String person;
        Map<String, Object> dead;
        akimat.down();
        try {
            person = filed(record);
            dead = await().atMost(PATIENCE).until(() -> messages(Map.of("person", person, "recipient", "KZ-MIO-75",
                    "status", "DEAD")), found -> found.size() == 1).getFirst();
        } finally {
            akimat.up();
        }
        assertThat((String) dead.get("lastError")).contains("503");
        assertThat((Integer) dead.get("attempts")).isEqualTo(6);
        // one request per attempt: the HTTP client itself retries nothing (a 503 resent at once would
        // call a failing receiver twice as often as its backoff says)
        assertThat(akimat.refusedWhileDown().stream().filter(dead.get("id")::equals).count()).isEqualTo(6);
        assertThat(appliedFor("akimat", record.iin())).isNull();

        var replayed = graphQl("kuis-demo").documentName("replayOutboundMessage").variable("id", dead.get("id"))
                .executeSync().field("replayOutboundMessage").toEntity(Map.class);
        assertThat(replayed).containsEntry("status", "PENDING").containsEntry("attempts", 0);

        await().atMost(PATIENCE).until(() -> appliedFor("akimat", record.iin()), found -> found != null);
        // the receiver applies it before the hub records the answer: wait for the record
        await().atMost(PATIENCE).until(() -> messages(Map.of("person", person, "recipient", "KZ-MIO-75")).getFirst()
                .get("status").equals("DELIVERED"));
    }

    @Test
    @DisplayName("outgoing messages are only for the exchange operators; a dead message that is not dead cannot be replayed")
    void operatorsOnly() {
        var refused = graphQl("ngo-demo").documentName("outboundMessages").variable("first", 5).execute().block();
        assertErrorType(refused, "FORBIDDEN");
        var unknown = graphQl("kuis-demo").documentName("replayOutboundMessage").variable("id", "no-such-message")
                .execute().block();
        assertErrorType(unknown, "NOT_FOUND");
    }

    @Test
    @DisplayName("obligations due by a day are listed by owing party and territory, overdue ones included")
    void dueObligations() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2043, 7, 1))
                .set("institution.code", "DUE-1").set("institution.name", "Учреждение DUE-1").set("release.residenceRegion", "KZ-47"));

        var before = due("DUE-1", "KZ-47", "2042-06-30");
        var onTheDay = due("DUE-1", "KZ-47", "2042-07-01");

        assertThat(before).isEmpty();
        assertThat(onTheDay).singleElement().satisfies(o -> assertThat(o).containsEntry("kind", "E1_RELEASE_NOTICE")
                .containsEntry("dueOn", "2042-07-01"));
        assertThat((Map<String, Object>) onTheDay.getFirst().get("person")).containsEntry("id", person);
    }

    private List<Map<String, Object>> due(String party, String region, String until) {
        return graphQl("prosecutor-demo").documentName("dueObligations").variable("party", party).variable("region", region)
                .variable("until", until).executeSync().field("dueObligations.edges").toEntityList(Map.class).stream()
                .map(edge -> (Map<String, Object>) edge.get("node")).toList();
    }

    private boolean deliveredOnce(String receiver, ReleaseRecords record) {
        Received received = appliedFor(receiver, record.iin());
        return received != null && standIns.receiver(receiver).deliveries(received.messageId()) == 1;
    }

    private String personId(ReleaseRecords record) {
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();
    }

    private boolean wasRefused(StandInReceivers.Receiver receiver, ReleaseRecords record) {
        String person = driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();
        return messages(Map.of("person", person, "recipient", "KZ-OVD-75")).stream()
                .anyMatch(m -> receiver.refusedWhileDown().contains((String) m.get("id")));
    }

    private Received appliedFor(String receiver, String iin) {
        return standIns.receiver(receiver).applied().stream()
                .filter(received -> iin.equals(received.content().get("person").get("iin").asString()))
                .findFirst().orElse(null);
    }

    private List<Map<String, Object>> messages(Map<String, Object> filter) {
        var request = graphQl("kuis-demo").documentName("outboundMessages").variable("first", 50);
        for (var entry : filter.entrySet()) {
            request = request.variable(entry.getKey(), entry.getValue());
        }
        return request.executeSync().field("outboundMessages.edges").toEntityList(Map.class).stream()
                .map(edge -> (Map<String, Object>) edge.get("node")).toList();
    }

    private String obligationStatus(String person, String kind) {
        return driver.executableQuery("""
                        MATCH (o:Obligation {kind: $kind})-[:CONCERNS]->(:Person {id: $person}) RETURN o.status AS status""")
                .withParameters(Map.of("kind", kind, "person", person)).execute().records().getFirst().get("status").asString();
    }
}
