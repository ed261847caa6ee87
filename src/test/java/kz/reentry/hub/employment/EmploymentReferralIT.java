package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * E4 end to end against stand-in employment-centre systems over HTTP (JSON for Almaty, the
 * e-government bus for Astana): the referral a year before release and at the gate, with only what
 * the access table lets the centre see; the centre's outcomes back, moving the referral, the
 * programme's employment measure, the duty to answer and the "employed" indicator.
 */
class EmploymentReferralIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final StandInReceivers.Receiver CENTRE_75 = StandInReceivers.INSTANCE.receiver("czn");
    private static final StandInReceivers.Receiver CENTRE_71 = StandInReceivers.INSTANCE.receiver("czn-bus");

    @Autowired
    EmploymentReferrals referrals;

    @Test
    @DisplayName("the referral carries the person, the release day, housing, capacity to work and the profile, and nothing of the offence, court, term or release type: the access table's own answer to the centre")
    void referralCarriesWhatTheTableAllows() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(200));
        record.set("release.housing", "у сестры, г. Алматы").set("release.capacityToWork", "FULL")
                .set("release.specialities", "электросварщик 4 разряда");
        String person = filed(record);
        String referral = open(person, "KZ-CZN-75");

        var received = await().atMost(PATIENCE).until(() -> messagesAbout(CENTRE_75, referral, "REFERRAL"), found -> found.size() == 1)
                .getFirst();
        JsonNode content = received.content();
        assertThat(content.get("person").get("iin").asString()).isEqualTo(record.iin());
        assertThat(content.get("release").get("date").asString()).isEqualTo(record.get("release.date"));
        assertThat(content.get("release").get("housing").asString()).isEqualTo("у сестры, г. Алматы");
        assertThat(content.get("release").get("capacityToWork").asString()).isEqualTo("FULL");
        assertThat(content.get("profile").get("education").asString()).isEqualTo("техническое и профессиональное");
        assertThat(content.get("profile").get("qualifications").get(0).asString()).isEqualTo("сварщик");
        assertThat(content.has("custody")).as("nothing of the custody episode is left").isFalse();
        assertThat(received.body()).doesNotContain(record.get("custody.article"), record.get("custody.court"),
                record.get("custody.termStart"), "END_OF_TERM");
        assertThat(content.get("withheld").valueStream().map(JsonNode::asString).toList())
                .contains("CustodyEpisode.article", "CustodyEpisode.court", "CustodyEpisode.termStart",
                        "CustodyEpisode.termEnd", "PlannedRelease.type");

        // the centre reading the same person in GraphQL sees exactly the same: the message and the table agree
        var read = graphQl("labour-demo").document("""
                query($id: ID!) { personById(id: $id) { iin plannedRelease { date type }
                                  custodyEpisodes { article court termStart termEnd } } }""")
                .variable("id", person).executeSync();
        assertThat((Object) read.field("personById.iin").getValue()).isEqualTo(record.iin());
        assertThat((Object) read.field("personById.plannedRelease.date").getValue()).isEqualTo(record.get("release.date"));
        assertThat((Object) read.field("personById.plannedRelease.type").getValue()).isNull();
        assertThat((Object) read.field("personById.custodyEpisodes[0].termEnd").getValue()).isNull();
        assertThat((Object) read.field("personById.custodyEpisodes[0].article").getValue()).isNull();
        assertThat(read.getErrors()).extracting(e -> e.getExtensions().get("reason")).containsOnly("CRIMINAL_RECORD");

        // the centre owes an answer
        assertThat(obligation(referral + "/E4")).isEqualTo("OPEN");
    }

    @Test
    @DisplayName("an employment referral without a receiver goes to the employment centre of the person's destination (reference data)")
    void centreOfTheDestination() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)).set("release.residenceRegion", "KZ-71"));
        var reply = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "reason", "Трудоустройство")).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        assertThat((Object) reply.field("openReferral.to.code").getValue()).isEqualTo("KZ-CZN-71");
    }

    @Test
    @DisplayName("a referral for a person two years from release waits for the year before it")
    void notBeforeTheYear() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)));
        String referral = open(person, "KZ-CZN-75");
        assertThat(referrals.sendIfDue(referral, LocalDate.now())).isZero();
        assertThat(referrals.sendIfDue(referral, LocalDate.now().plusYears(1).plusDays(1))).isEqualTo(1);
        assertThat(referrals.sendIfDue(referral, LocalDate.now().plusYears(1).plusDays(2))).isZero();
    }

    @Test
    @DisplayName("on the day the person walks out the centre gets \"meet at the gate\", once; Astana's centre gets it in the bus envelope")
    void meetAtTheGateOnTheBus() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(10)).set("release.residenceRegion", "KZ-71");
        String person = filed(record);
        String referral = open(person, "KZ-CZN-71");
        await().atMost(PATIENCE).until(() -> messagesAbout(CENTRE_71, referral, "REFERRAL").size() == 1);

        LocalDate walkedOut = LocalDate.now();
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", walkedOut.toString(), "type", "END_OF_TERM", "destinationRegion", "KZ-71", "sourceSystem", "KUIS"))
                .executeSync().getErrors()).isEmpty();

        var gate = await().atMost(PATIENCE).until(() -> messagesAbout(CENTRE_71, referral, "MEET_AT_GATE"),
                found -> found.size() == 1).getFirst();
        assertThat(gate.exchange()).isEqualTo("E4");
        assertThat(gate.body()).contains("<soap:Envelope", "<serviceId>E4</serviceId>");
        assertThat(gate.content().get("release").get("date").asString()).isEqualTo(walkedOut.toString());
        referrals.sendAllDue(LocalDate.now().plusDays(1));
        assertThat(messagesAbout(CENTRE_71, referral, "MEET_AT_GATE")).hasSize(1);
    }

    @Test
    @DisplayName("the centre's outcomes move the referral, the employment measure and the duty; only a placement counts as employed")
    void outcomesCloseTheLoop() {
        String region = "KZ-39";
        var record = ReleaseRecords.validRelease(LocalDate.now().minusDays(3)).set("release.residenceRegion", "KZ-75");
        String person = filed(record);
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", LocalDate.now().minusDays(3).toString(), "type", "END_OF_TERM", "destinationRegion", region,
                "sourceSystem", "KUIS", "sourceMessageId", "e4-" + person)).executeSync().getErrors()).isEmpty();
        String measure = graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                        "measures", List.of(Map.of("domain", "EMPLOYMENT", "description", "Трудоустройство",
                                "responsible", "KZ-CZN-75", "deadline", LocalDate.now().plusMonths(2).toString()))))
                .executeSync().field("createProgramme.measures[0].id").getValue();
        String referral = open(person, "KZ-CZN-75");
        await().atMost(PATIENCE).until(() -> messagesAbout(CENTRE_75, referral, "REFERRAL").size() == 1);
        int employedBefore = employed(region);

        var registered = outcome(Map.of("messageId", "czn-" + UUID.randomUUID(), "referralId", referral, "outcome", "REGISTERED"));
        assertThat(registered.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(referralStatus(referral)).isEqualTo("ACCEPTED");
        assertThat(obligation(referral + "/E4")).isEqualTo("MET");
        assertThat(measureStatus(measure)).isEqualTo("IN_PROGRESS");
        assertThat(employed(region)).as("registered is not employed").isEqualTo(employedBefore);

        String placedId = "czn-" + UUID.randomUUID();
        Map<String, Object> placed = Map.of("messageId", placedId, "referralId", referral, "outcome", "PLACED",
                "employer", "ТОО «Алматы Құрылыс»", "position", "электросварщик", "startDate", LocalDate.now().plusDays(7).toString());
        assertThat(outcome(placed).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(outcome(placed).get("status").asString()).as("the same message again").isEqualTo("DUPLICATE");
        assertThat(referralStatus(referral)).isEqualTo("COMPLETED");
        assertThat(measureStatus(measure)).isEqualTo("MET");
        assertThat(employed(region)).isEqualTo(employedBefore + 1);

        var read = graphQl("kuis-demo").document("""
                query($id: ID!) { personById(id: $id) { referrals { id employmentOutcomes { kind employer position startDate } } } }""")
                .variable("id", person).executeSync();
        assertThat(read.getErrors()).isEmpty();
        List<Map<String, Object>> outcomes = read.field("personById.referrals[0].employmentOutcomes").getValue();
        assertThat(outcomes).extracting(o -> o.get("kind")).containsExactly("PLACED", "REGISTERED");
    }

    @Test
    @DisplayName("an outcome that breaks a rule, or about a referral that goes to another centre, is refused with every reason and kept as a dead letter")
    void badOutcomesAreKept() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(100)));
        String referral = open(person, "KZ-CZN-71");
        var noEmployer = postOutcome(Map.of("messageId", "czn-" + UUID.randomUUID(), "referralId", referral, "outcome", "PLACED"));
        assertThat(noEmployer.status()).isEqualTo(400);
        assertThat(noEmployer.body().get("errors").valueStream().map(e -> e.get("field").asString() + ":" + e.get("rule").asString()).toList())
                .contains("employer:required", "position:required", "startDate:required", "referralId:referral.unknown");
        String deadLetter = noEmployer.body().get("deadLetterId").asString();
        assertThat(count("MATCH (d:DeadLetter {id: $id, exchange: 'E4'}) RETURN count(d)", Map.of("id", deadLetter))).isEqualTo(1);
        assertThat(referralStatus(referral)).isEqualTo("REQUESTED");
    }

    @Test
    @DisplayName("an outcome kept as a dead letter, corrected and replayed by an operator, is still the centre's word: it moves the referral")
    void correctedOutcomeReplayed() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(100)));
        String referral = open(person, "KZ-CZN-75");
        await().atMost(PATIENCE).until(() -> messagesAbout(CENTRE_75, referral, "REFERRAL").size() == 1);
        String messageId = "czn-" + UUID.randomUUID();
        var broken = postOutcome(Map.of("messageId", messageId, "referralId", referral, "outcome", "PLACED"));
        assertThat(broken.status()).isEqualTo(400);
        String deadLetter = broken.body().get("deadLetterId").asString();

        String corrected = JSON.writeValueAsString(Map.of("messageId", messageId, "referralId", referral, "outcome", "PLACED",
                "employer", "ТОО «Алматы Құрылыс»", "position", "сварщик", "startDate", LocalDate.now().plusDays(3).toString()));
        var replay = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetter)
                .variable("correctedPayload", corrected).executeSync();
        assertThat(replay.getErrors()).isEmpty();
        assertThat((Object) replay.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        assertThat(referralStatus(referral)).isEqualTo("COMPLETED");
        assertThat(obligation(referral + "/E4")).isEqualTo("MET");
    }

    @Test
    @DisplayName("an unanswered referral becomes overdue after the configured working days")
    void unansweredIsOverdue() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(100)));
        String referral = open(person, "KZ-CZN-75");
        await().atMost(PATIENCE).until(() -> "OPEN".equals(obligation(referral + "/E4")));
        List<Map<String, Object>> now = overdue(LocalDate.now());
        List<Map<String, Object>> later = overdue(LocalDate.now().plusDays(30));
        assertThat(now).extracting(o -> o.get("id")).doesNotContain(referral + "/E4");
        assertThat(later).extracting(o -> o.get("id")).contains(referral + "/E4");
    }

    private List<Map<String, Object>> overdue(LocalDate asOf) {
        List<Map<String, Object>> edges = graphQl("kuis-demo").documentName("overdueObligations").variable("party", "KZ-CZN-75")
                .variable("asOf", asOf.toString()).variable("first", 500).executeSync().field("overdueObligations.edges").getValue();
        return edges.stream().map(e -> (Map<String, Object>) e.get("node")).toList();
    }

    private String open(String person, String centre) {
        Map<String, Object> input = new HashMap<>(Map.of("personId", person, "kind", "EMPLOYMENT", "to", centre,
                "reason", "Трудоустройство после освобождения"));
        input.put("employment", Map.of("education", "техническое и профессиональное", "qualifications", List.of("сварщик"),
                "preferredDistrict", "KZ-75-ALM", "contactArrangements", "встреча у ворот учреждения"));
        var reply = graphQl("kuis-demo").documentName("openReferral").variable("input", input).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("openReferral.id").getValue();
    }

    private static List<StandInReceivers.Received> messagesAbout(StandInReceivers.Receiver centre, String referral, String kind) {
        return centre.applied().stream().filter(r -> "E4".equals(r.exchange()))
                .filter(r -> referral.equals(r.content().get("referralId").asString()))
                .filter(r -> kind.equals(r.content().get("message").asString())).toList();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply postOutcome(Map<String, Object> outcome) {
        return http.post().uri("/intake/e4/outcomes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("labour-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(outcome))
                .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                        JSON.readTree(response.getBody().readAllBytes())));
    }

    private JsonNode outcome(Map<String, Object> outcome) {
        var reply = postOutcome(outcome);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    private int employed(String region) {
        Object value = graphQl("kuis-demo").documentName("indicators").variable("region", region)
                .variable("from", LocalDate.now().minusYears(1).toString()).variable("to", LocalDate.now().toString())
                .executeSync().field("indicators.employed").getValue();
        return ((Number) value).intValue();
    }

    private String referralStatus(String referral) {
        return single("MATCH (r:Referral {id: $id}) RETURN r.status", referral);
    }

    private String obligation(String id) {
        return single("MATCH (o:Obligation {id: $id}) RETURN o.status", id);
    }

    private String measureStatus(String measure) {
        return single("MATCH (m:Measure {id: $id}) RETURN m.status", measure);
    }

    private String single(String cypher, String id) {
        var rows = driver.executableQuery(cypher).withParameters(Map.of("id", id)).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString(null);
    }
}
