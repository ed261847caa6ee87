package kz.reentry.hub.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.MutableClock;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * E7: an emergency in an institution, reported by the penal system; the regional prosecutor's special
 * message to the General Prosecutor's department within 3 hours of receipt, in hours of real time
 * (General Prosecutor's instruction No. 7, 003 cl. 4 (4), 17, 23).
 */
class EmergencyReportsIT extends HubIntegrationTest {

    /** Friday 6 March 2026, 22:30 in Kazakhstan: the special message is due after midnight, on the Saturday. */
    private static final OffsetDateTime FRIDAY_2230 = OffsetDateTime.parse("2026-03-06T22:30:00.000+05:00");

    private static final String REPORT = """
            mutation($input: ReportEmergencyInput!) { reportEmergency(input: $input) { id receivedAt } }""";
    private static final String EMERGENCY = """
            query($id: ID!) { emergency(id: $id) {
              id kind receivedAt occurredAt place circumstances totalParticipants escalated
              institution { code name } region { code }
              participants { articles person { id surname } }
              duties { id kind dueAt dueOn status overdue late metAt owedBy { code } person { id } }
              specialMessageDraft { text institutionName regionName totalParticipants participantsAttached
                participants { surname givenName patronymic birthDate articles termStart termEnd } }
              specialMessage { sentAt sentBy { code } content { text causes participants { surname } } }
              phoneAlert { calledAt to }
            } }""";
    private static final String OVERDUE = """
            query($party: ID) { overdueObligations(party: $party, first: 500) { edges { node { id kind dueAt emergency { id } } } } }""";
    private static final String SEND = """
            mutation($input: SendSpecialMessageInput!) { sendSpecialMessage(input: $input) { id specialMessage { sentAt } } }""";
    private static final String ALERT = """
            mutation($input: RecordPhoneAlertInput!) { recordPhoneAlert(input: $input) { id phoneAlert { calledAt } } }""";

    @Autowired
    MutableClock clock;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("003 cl. 4 (4), 17: a report received Friday 22:30 makes the regional prosecutor owe the special message by Saturday 01:30: the 3-hour clock runs over midnight and into the weekend")
    void threeHoursOverMidnightAndAWeekend() {
        Fixture f = fixture("KZ-35");
        clock.standAt(FRIDAY_2230.toInstant());
        String id = report(f, FRIDAY_2230.minusMinutes(20));

        Map<String, Object> emergency = emergency(graphQl("prosecutor-demo"), id);
        assertThat(emergency.get("receivedAt")).isEqualTo("2026-03-06T22:30:00.000+05:00");
        Map<String, Object> message = duty(emergency, "E7_SPECIAL_MESSAGE");
        assertThat(message).containsEntry("dueAt", "2026-03-07T01:30:00.000+05:00").containsEntry("dueOn", "2026-03-07")
                .containsEntry("status", "OPEN").containsEntry("overdue", false).containsEntry("person", null)
                .containsEntry("owedBy", Map.of("code", "KZ-PR-35"));
        assertThat(duty(emergency, "E7_PHONE_ALERT")).containsEntry("dueAt", "2026-03-06T23:30:00.000+05:00");

        clock.standAt(OffsetDateTime.parse("2026-03-07T01:30:00.000+05:00").toInstant());
        assertThat(duty(emergency(graphQl("prosecutor-demo"), id), "E7_SPECIAL_MESSAGE")).containsEntry("overdue", false);
        assertThat(overdueIds(graphQl("prosecutor-demo"), "KZ-PR-35")).doesNotContain(message.get("id"));

        clock.standAt(OffsetDateTime.parse("2026-03-07T01:31:00.000+05:00").toInstant());
        Map<String, Object> late = emergency(graphQl("prosecutor-demo"), id);
        assertThat(duty(late, "E7_SPECIAL_MESSAGE")).containsEntry("overdue", true).containsEntry("late", true);
        assertThat(late).containsEntry("escalated", true);
    }

    @Test
    @DisplayName("003 cl. 4 (4), 17: an overdue special message escalates: the regional office and the General Prosecutor's Office see it in overdueObligations, and the emergency among the escalated ones")
    void overdueEscalates() {
        Fixture f = fixture("KZ-35");
        clock.standAt(FRIDAY_2230.toInstant());
        String id = report(f, FRIDAY_2230.minusHours(1));
        String messageDuty = id + "/E7-special-message";
        clock.standAt(FRIDAY_2230.plusHours(3).plusMinutes(1).toInstant());

        assertThat(overdueIds(regionalProsecutor("KZ-PR-35", "KZ-35"), "KZ-PR-35")).contains(messageDuty);
        assertThat(overdueIds(graphQl("prosecutor-demo"), "KZ-PR-35")).contains(messageDuty);
        assertThat(overdueIds(graphQl("prosecutor-demo"), null)).contains(messageDuty);
        var escalated = graphQl("prosecutor-demo").document("""
                { emergencies(region: "KZ-35", escalated: true, first: 500) { edges { node { id } } } }""")
                .executeSync().field("emergencies.edges").toEntityList(Map.class);
        assertThat(escalated.stream().map(e -> (Object) ((Map<?, ?>) e.get("node")).get("id")).toList()).contains(id);
        // overdue as of a day: as that day begins, so not yet on the Saturday it falls due
        var asOfSaturday = graphQl("prosecutor-demo").document("""
                { overdueObligations(party: "KZ-PR-35", asOf: "2026-03-07", first: 500) { edges { node { id } } } }""")
                .executeSync().field("overdueObligations.edges").toEntityList(Map.class).toString();
        assertThat(asOfSaturday).doesNotContain(messageDuty);
        var dueBySaturday = graphQl("prosecutor-demo").document("""
                { dueObligations(party: "KZ-PR-35", until: "2026-03-07", first: 500) { edges { node { id } } } }""")
                .executeSync().field("dueObligations.edges").toEntityList(Map.class).toString();
        assertThat(dueBySaturday).contains(messageDuty);
    }

    @Test
    @DisplayName("003 cl. 4 (4): the clock does not stop on a public holiday either: reported Sunday 8 March 23:15 (Women's Day), due Monday 02:15, overdue at 02:16")
    void holidayDoesNotStopTheClock() {
        Fixture f = fixture("KZ-35");
        OffsetDateTime sunday = OffsetDateTime.parse("2026-03-08T23:15:00.000+05:00");
        clock.standAt(sunday.toInstant());
        String id = report(f, sunday.minusMinutes(5));
        clock.standAt(sunday.plusHours(3).plusMinutes(1).toInstant());
        assertThat(duty(emergency(graphQl("prosecutor-demo"), id), "E7_SPECIAL_MESSAGE"))
                .containsEntry("dueAt", "2026-03-09T02:15:00.000+05:00").containsEntry("overdue", true);
    }

    @Test
    @DisplayName("003 cl. 17: the special message is pre-filled from the graph (institution, region, each participant's name, birth date, articles and term), and sending it meets the duty")
    void specialMessagePreFilledAndSent() {
        Fixture f = fixture("KZ-35");
        clock.standAt(FRIDAY_2230.toInstant());
        String id = report(f, FRIDAY_2230.minusMinutes(30));
        var prosecutor = regionalProsecutor("KZ-PR-35", "KZ-35");

        Map<String, Object> emergency = emergency(prosecutor, id);
        @SuppressWarnings("unchecked")
        var draft = (Map<String, Object>) emergency.get("specialMessageDraft");
        assertThat(draft).containsEntry("institutionName", "Учреждение " + f.institution()).containsEntry("totalParticipants", 3)
                .containsEntry("participantsAttached", false);
        assertThat(draft.get("regionName")).isNotNull();
        assertThat((List<?>) draft.get("participants")).singleElement().isEqualTo(Map.of("surname", f.surname(),
                "givenName", "Әйгерім", "patronymic", "Серікқызы", "birthDate", "1990-05-17", "articles", List.of("188 ч.2"),
                "termStart", f.release().minusYears(4).toString(), "termEnd", f.release().toString()));
        assertThat((String) draft.get("text")).contains(f.surname() + " Әйгерім Серікқызы, 17.05.1990 г.р., ст. 188 ч.2 УК РК")
                .contains("06.03.2026 22:00").contains("Учреждение " + f.institution()).contains("Общее количество участников: 3")
                .contains("захват заложника");

        // the General Prosecutor's Office sees it, but the special message is the regional office's to send
        assertErrorType(graphQl("prosecutor-demo").document(SEND).variable("input", Map.of("emergencyId", id)).executeSync(),
                "FORBIDDEN");
        clock.standAt(FRIDAY_2230.plusHours(2).toInstant());
        var sent = prosecutor.document(SEND).variable("input", Map.of("emergencyId", id, "causes", "Недовольство режимом"))
                .executeSync();
        assertThat(sent.getErrors()).isEmpty();
        clock.standAt(FRIDAY_2230.plusHours(5).toInstant());
        Map<String, Object> after = emergency(graphQl("prosecutor-demo"), id);
        assertThat(duty(after, "E7_SPECIAL_MESSAGE")).containsEntry("status", "MET").containsEntry("overdue", false)
                .containsEntry("late", false).containsEntry("metAt", "2026-03-07T00:30:00.000+05:00");
        @SuppressWarnings("unchecked")
        var message = (Map<String, Object>) after.get("specialMessage");
        assertThat(message.get("sentBy")).isEqualTo(Map.of("code", "KZ-PR-35"));
        assertThat(message.toString()).contains("Недовольство режимом").contains(f.surname());
        assertThat(overdueIds(graphQl("prosecutor-demo"), "KZ-PR-35")).doesNotContain(id + "/E7-special-message");
        assertBadRequest(prosecutor.document(SEND).variable("input", Map.of("emergencyId", id)).executeSync(),
                "input.emergencyId", "specialMessage.sent");
    }

    @Test
    @DisplayName("003 cl. 23: the telephone alert within the hour meets its duty at the time of the call; one after the hour is late")
    void phoneAlert() {
        Fixture f = fixture("KZ-35");
        clock.standAt(FRIDAY_2230.toInstant());
        String onTime = report(f, FRIDAY_2230.minusMinutes(10));
        String tooLate = report(f, FRIDAY_2230.minusMinutes(10));
        clock.standAt(FRIDAY_2230.plusHours(2).toInstant());
        var prosecutor = regionalProsecutor("KZ-PR-35", "KZ-35");
        assertThat(prosecutor.document(ALERT).variable("input", Map.of("emergencyId", onTime,
                "calledAt", FRIDAY_2230.plusMinutes(40).toString(), "to", "зональный прокурор Департамента")).executeSync()
                .getErrors()).isEmpty();
        assertThat(prosecutor.document(ALERT).variable("input", Map.of("emergencyId", tooLate,
                "calledAt", FRIDAY_2230.plusMinutes(90).toString(), "to", "начальник Управления")).executeSync()
                .getErrors()).isEmpty();
        assertThat(duty(emergency(prosecutor, onTime), "E7_PHONE_ALERT")).containsEntry("status", "MET").containsEntry("late", false);
        assertThat(duty(emergency(prosecutor, tooLate), "E7_PHONE_ALERT")).containsEntry("status", "MET").containsEntry("late", true);
        assertThat(emergency(prosecutor, tooLate)).containsEntry("escalated", true);
        assertBadRequest(prosecutor.document(ALERT).variable("input", Map.of("emergencyId", onTime,
                "calledAt", FRIDAY_2230.minusMinutes(1).toString(), "to", "x")).executeSync(), "input.calledAt", "dates.order");
    }

    @Test
    @DisplayName("003 cl. 17: a participant the hub does not hold is a BAD_REQUEST naming the participant, and nothing is recorded")
    void unknownParticipant() {
        Fixture f = fixture("KZ-35");
        String circumstances = "Неизвестный участник " + UUID.randomUUID();
        var reply = graphQl("kuis-demo").document(REPORT).variable("input", Map.of("kind", "ESCAPE", "institution", f.institution(),
                "occurredAt", OffsetDateTime.now().minusHours(1).toString(), "place", "периметр", "circumstances", circumstances,
                "participants", List.of(Map.of("personId", f.personId()), Map.of("iin", "900101300007"))))
                .executeSync();
        assertBadRequest(reply, "input.participants[1].iin", "person.unknown");
        assertThat(reply.getErrors().getFirst().getMessage()).contains("names no person known to the hub");
        assertBadRequest(graphQl("kuis-demo").document(REPORT).variable("input", Map.of("kind", "ESCAPE",
                        "institution", f.institution(), "occurredAt", OffsetDateTime.now().minusHours(1).toString(), "place", "периметр",
                        "circumstances", circumstances, "participants", List.of(Map.of("articles", List.of("188"))))).executeSync(),
                "input.participants[0]", "participant.key");
        assertThat(count("MATCH (e:Emergency {circumstances: $c}) RETURN count(e)", Map.of("c", circumstances))).isZero();
    }

    @Test
    @DisplayName("003 cl. 4 (4), 17: only prosecutors (a regional office within its region) and the penal system see an emergency: every other party gets nothing, by id, in lists, in overdue or due duties, in the person's case")
    void onlyProsecutorsAndThePenalSystem() {
        Fixture f = fixture("KZ-75");
        String id = report(f, OffsetDateTime.now().minusHours(5));
        String duty = id + "/E7-special-message";
        clock.standAt(OffsetDateTime.now().plusHours(4).toInstant());

        for (var seer : List.of(graphQl("kuis-demo"), graphQl("prosecutor-demo"), regionalProsecutor("KZ-PR-75", "KZ-75"))) {
            assertThat(emergency(seer, id)).containsEntry("id", id);
            assertThat(overdueIds(seer, "KZ-PR-75")).contains(duty);
        }
        var tokens = new HubTokens(hubSigningKeys);
        Map<String, HttpSyncGraphQlClient> others = new HashMap<>();
        for (String client : List.of("ngo-demo", "akimat-demo", "police-demo", "labour-demo", "health-demo", "probation-demo")) {
            others.put(client, graphQl(client));
        }
        // another region's prosecutor, and parties granted the roles: the access table still says no
        others.put("the prosecutor's office of KZ-35", regionalProsecutor("KZ-PR-35", "KZ-35"));
        others.put("police with the roles", graphQlWithToken(tokens.issue("e7-police-" + UUID.randomUUID(), "KZ-OVD-75", "KZ-75",
                List.of("PERSON_READ", "EMERGENCY_SUPERVISION", "EMERGENCY_REPORT"))));
        others.put("an akimat with the roles", graphQlWithToken(tokens.issue("e7-akimat-" + UUID.randomUUID(), "KZ-MIO-75", "KZ-75",
                List.of("PERSON_READ", "EMERGENCY_SUPERVISION"))));
        others.forEach((who, client) -> {
            var byId = client.document("query($id: ID!) { emergency(id: $id) { id circumstances } }").variable("id", id).executeSync();
            assertThat(byId.toMap().toString()).as(who + " by id").doesNotContain(f.surname()).doesNotContain("circumstances=Захват");
            assertThat((Object) byId.field("emergency").getValue()).as(who + " by id").isNull();
            var list = client.document("{ emergencies(first: 500) { edges { node { id } } } }").executeSync();
            assertThat(list.toMap().toString()).as(who + " in the list").doesNotContain(id);
            var overdue = client.document(OVERDUE).variable("party", "KZ-PR-75").executeSync();
            assertThat(overdue.toMap().toString()).as(who + " in overdue duties").doesNotContain(id);
            var due = client.document("{ dueObligations(party: \"KZ-PR-75\", first: 500) { edges { node { id } } } }").executeSync();
            assertThat(due.toMap().toString()).as(who + " in due duties").doesNotContain(id);
        });
        // nor in the participant's own case, for anyone: an emergency hangs off no person's case
        var personCase = graphQl("kuis-demo").document("""
                query($id: ID!) { personById(id: $id) { obligations { id kind } } caseTimeline(personId: $id, first: 500) { edges { node { summary } } } }""")
                .variable("id", f.personId()).executeSync();
        assertThat(personCase.getErrors()).isEmpty();
        assertThat(personCase.toMap().toString()).doesNotContain(id).doesNotContain("E7_");
        // a reporter outside the institution's region may not report for it
        String regionalPenal = tokens.issue("e7-duis-" + UUID.randomUUID(), "KZ-DUIS-35", "KZ-35",
                List.of("PERSON_READ", "EMERGENCY_REPORT"));
        assertErrorType(graphQlWithToken(regionalPenal).document(REPORT).variable("input", input(f, OffsetDateTime.now().minusHours(1)))
                .executeSync(), "FORBIDDEN");
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("reading an emergency is a disclosure about its participants, in this request's own entry")
    void readsAreDisclosed() {
        Fixture f = fixture("KZ-35");
        String id = report(f, OffsetDateTime.now().minusHours(1));
        String endUser = DisclosureLog.uniqueEndUser("e7-reader");
        var reply = DisclosureLog.as(graphQl("prosecutor-demo"), endUser).document("""
                query($id: ID!) { emergency(id: $id) { circumstances specialMessageDraft { participants { surname } } } }""")
                .variable("id", id).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", f.personId()), endUser))
                        .singleElement().satisfies(entry -> {
                            assertThat(entry.get("outcome")).isEqualTo("DISCLOSED");
                            assertThat((List<Object>) entry.get("fields")).contains("Emergency.circumstances",
                                    "SpecialMessageParticipant.surname");
                        }));
    }

    // --- fixture

    private record Fixture(String personId, String institution, String region, String surname, LocalDate release) {
    }

    /** A person in custody at an institution of its own in the region. */
    private Fixture fixture(String region) {
        String institution = "EMG-" + ThreadLocalRandom.current().nextInt(1000, 10000) + "-" + ThreadLocalRandom.current().nextInt(1, 100);
        String surname = "Чрезвычайнова" + (char) ('а' + ThreadLocalRandom.current().nextInt(20));
        LocalDate release = LocalDate.now().plusYears(2);
        var record = ReleaseRecords.validRelease(release).set("person.surname", surname).set("institution.code", institution)
                .set("institution.name", "Учреждение " + institution).set("institution.region", region);
        return new Fixture(filed(record), institution, region, surname, release);
    }

    private Map<String, Object> input(Fixture f, OffsetDateTime occurredAt) {
        return Map.of("kind", "HOSTAGE_TAKING", "institution", f.institution(), "occurredAt", occurredAt.toString(),
                "place", "жилая зона, отряд 3", "circumstances", "Захват заложника в жилой зоне",
                "participants", List.of(Map.of("personId", f.personId())), "otherParticipants", 2);
    }

    private String report(Fixture f, OffsetDateTime occurredAt) {
        var reply = graphQl("kuis-demo").document(REPORT).variable("input", input(f, occurredAt)).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("reportEmergency.id").getValue();
    }

    private HttpSyncGraphQlClient regionalProsecutor(String agency, String region) {
        return graphQlWithToken(new HubTokens(hubSigningKeys).issue("e7-" + agency + "-" + UUID.randomUUID(), agency, region,
                List.of("PERSON_READ", "EMERGENCY_SUPERVISION")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> emergency(HttpSyncGraphQlClient client, String id) {
        ClientGraphQlResponse reply = client.document(EMERGENCY).variable("id", id).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return (Map<String, Object>) reply.field("emergency").getValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> duty(Map<String, Object> emergency, String kind) {
        return ((List<Map<String, Object>>) emergency.get("duties")).stream().filter(d -> kind.equals(d.get("kind")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> overdueIds(HttpSyncGraphQlClient client, String party) {
        var reply = client.document(OVERDUE).variable("party", party).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        List<Object> ids = new ArrayList<>();
        reply.field("overdueObligations.edges").toEntityList(Map.class)
                .forEach(edge -> ids.add(((Map<String, Object>) edge.get("node")).get("id")));
        return ids;
    }
}
