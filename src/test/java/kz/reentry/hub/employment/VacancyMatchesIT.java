package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import tools.jackson.databind.JsonNode;

/**
 * vacancyMatches for a person, ranked by speciality, qualification and territory with its reasons,
 * within the caller's rows; and an EMPLOYMENT referral naming a vacancy, carried in the E4 message.
 * Each test has a trade of its own (a made-up word), so vacancies of other tests never match.
 */
class VacancyMatchesIT extends HubIntegrationTest {

    private static final StandInReceivers.Receiver CENTRE_75 = StandInReceivers.INSTANCE.receiver("czn");

    private final String prefix = "M-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String trade = madeUpTrade();

    @Test
    @DisplayName("the preferred district first, then the destination region by score, another region last; taken-nobody-with-a-record, other trades and closed vacancies never")
    void rankedAndExplained() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(200))
                .set("release.residenceRegion", "KZ-75").set("release.specialities", trade + " 4 разряда"));
        assertThat(postVacancies(JSON.writeValueAsString(List.of(
                vacancy("1", trade, "KZ-75", "KZ-75-ALM", 3, true),
                vacancy("2", trade, "KZ-75", "KZ-75-BOS", null, null),
                vacancy("3", "электро" + trade, "KZ-75", null, null, true),
                vacancy("4", trade, "KZ-71", null, null, true),
                vacancy("5", trade, "KZ-75", "KZ-75-ALM", null, false),
                vacancy("6", "повар", "KZ-75", "KZ-75-ALM", null, true),
                vacancy("7", trade, "KZ-75", "KZ-75-ALM", null, true),
                Map.of("id", prefix + "7", "status", "CLOSED"))), "application/json", "labour-demo").status())
                .isEqualTo(200);
        openReferral(person, List.of(trade), "KZ-75-ALM", null);

        String endUser = DisclosureLog.uniqueEndUser("vacancy-matches");
        var answer = DisclosureLog.as(graphQl("labour-demo"), endUser).documentName("vacancyMatches")
                .variable("personId", person).executeSync();

        assertThat(answer.getErrors()).isEmpty();
        List<Map<String, Object>> found = answer.field("vacancyMatches").getValue();
        assertThat(found).extracting(m -> (Object) ((Map<?, ?>) m.get("vacancy")).get("id"))
                .containsExactly(prefix + "1", prefix + "2", prefix + "3", prefix + "4");
        assertThat(found).extracting(m -> ((Number) m.get("score")).doubleValue())
                .containsExactly(1.0, 0.85, 0.81, 0.75);
        assertThat(reasons(found.get(0))).containsExactly("speciality: " + trade + " 4 разряда", "qualification: grade 4, 3 asked",
                "same district KZ-75-ALM", "accepts people with a criminal record");
        assertThat(reasons(found.get(1))).contains("region KZ-75", "criminal-record conditions not stated");
        assertThat(reasons(found.get(2)).getFirst()).startsWith("speciality: ").contains(" ≈ электро" + trade);
        assertThat(reasons(found.get(3))).contains("another region: KZ-71");
        assertThat(((Map<?, ?>) ((Map<?, ?>) found.get(0).get("vacancy")).get("district")).get("code")).isEqualTo("KZ-75-ALM");

        // a match is read from the person's specialities, qualifications and destination: a disclosure about them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                        .singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "DISCLOSED")
                                .containsEntry("operation", "QUERY vacancyMatches")));

        // the penal system asks the same and gets the same
        List<Map<String, Object>> national = matches("kuis-demo", person).field("vacancyMatches").getValue();
        assertThat(national).isEqualTo(found);
        assertThat(matches("labour-demo", person, 2).field("vacancyMatches").toEntityList(Map.class)).hasSize(2);
    }

    @Test
    @DisplayName("a person outside the caller's rows is NOT_FOUND, like one the hub does not know, and the refusal is logged; NGOs may not ask")
    void hiddenPerson() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(150)).set("release.specialities", trade));
        postVacancies(JSON.writeValueAsString(List.of(vacancy("1", trade, "KZ-75", null, null, true))), "application/json",
                "labour-demo");
        String endUser = DisclosureLog.uniqueEndUser("vacancy-matches");

        var hidden = DisclosureLog.as(graphQl("labour-demo"), endUser).documentName("vacancyMatches")
                .variable("personId", person).executeSync();
        String nobody = UUID.randomUUID().toString();
        var unknown = graphQl("labour-demo").documentName("vacancyMatches").variable("personId", nobody).executeSync();

        assertErrorType(hidden, "NOT_FOUND");
        assertErrorType(unknown, "NOT_FOUND");
        assertThat(hidden.getErrors().getFirst().getMessage().replace(person, "<id>"))
                .as("the same answer as for nobody").isEqualTo(unknown.getErrors().getFirst().getMessage().replace(nobody, "<id>"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-CZN-75"), endUser))
                        .singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")));
        assertErrorType(matches("ngo-demo", person), "FORBIDDEN");
        // the penal system sees every person: the same person is found
        assertThat(matches("kuis-demo", person).getErrors()).isEmpty();
    }

    @Test
    @DisplayName("a referral may name an open vacancy, carried in the E4 message and on the referral; an unknown or closed one is BAD_REQUEST")
    void referralNamesAVacancy() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(180)));
        Map<String, Object> open = vacancy("1", trade, "KZ-75", "KZ-75-TUR", 2, true);
        open.put("employer", "ТОО «Алматы Құрылыс»");
        open.put("position", "электросварщик");
        postVacancies(JSON.writeValueAsString(List.of(open, vacancy("2", trade, "KZ-75", null, null, true),
                Map.of("id", prefix + "2", "status", "CLOSED"))), "application/json", "labour-demo");

        assertBadRequest(openReferralReply(person, List.of(trade), null, prefix + "unknown"),
                "input.employment.vacancyId", "vacancy.unknown");
        assertBadRequest(openReferralReply(person, List.of(trade), null, prefix + "2"),
                "input.employment.vacancyId", "vacancy.unknown");
        String referral = openReferral(person, List.of(trade), "KZ-75-TUR", prefix + "1");

        var message = await().atMost(Duration.ofSeconds(30)).until(() -> CENTRE_75.applied().stream()
                .filter(r -> "E4".equals(r.exchange()) && referral.equals(r.content().path("referralId").asString(null)))
                .toList(), list -> !list.isEmpty()).getFirst();
        JsonNode vacancy = message.content().get("profile").get("vacancy");
        assertThat(vacancy.get("id").asString()).isEqualTo(prefix + "1");
        assertThat(vacancy.get("employer").asString()).isEqualTo("ТОО «Алматы Құрылыс»");
        assertThat(vacancy.get("position").asString()).isEqualTo("электросварщик");
        assertThat(vacancy.get("status").asString()).isEqualTo("OPEN");

        var read = graphQl("labour-demo").document("""
                query($id: ID!) { personById(id: $id) { referrals { id employment { vacancyId vacancy { id employer } } } } }""")
                .variable("id", person).executeSync();
        assertThat(read.getErrors()).isEmpty();
        assertThat((Object) read.field("personById.referrals[0].employment.vacancyId").getValue()).isEqualTo(prefix + "1");
        assertThat((Object) read.field("personById.referrals[0].employment.vacancy.employer").getValue())
                .isEqualTo("ТОО «Алматы Құрылыс»");

        // once the feed closes it, the referral keeps its id and the vacancy is gone from GraphQL
        postVacancies(JSON.writeValueAsString(List.of(Map.of("id", prefix + "1", "status", "CLOSED"))), "application/json",
                "labour-demo");
        var after = graphQl("labour-demo").document("""
                query($id: ID!) { personById(id: $id) { referrals { employment { vacancyId vacancy { id } } } } }""")
                .variable("id", person).executeSync();
        assertThat((Object) after.field("personById.referrals[0].employment.vacancyId").getValue()).isEqualTo(prefix + "1");
        assertThat((Object) after.field("personById.referrals[0].employment.vacancy").getValue()).isNull();
    }

    private ClientGraphQlResponse matches(String client, String person) {
        return graphQl(client).documentName("vacancyMatches").variable("personId", person).executeSync();
    }

    private ClientGraphQlResponse matches(String client, String person, int first) {
        return graphQl(client).documentName("vacancyMatches").variable("personId", person).variable("first", first)
                .executeSync();
    }

    private String openReferral(String person, List<String> qualifications, String district, String vacancyId) {
        var reply = openReferralReply(person, qualifications, district, vacancyId);
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("openReferral.id").getValue();
    }

    private ClientGraphQlResponse openReferralReply(String person, List<String> qualifications, String district,
                                                    String vacancyId) {
        Map<String, Object> employment = new HashMap<>();
        employment.put("qualifications", qualifications);
        employment.put("preferredDistrict", district);
        employment.put("vacancyId", vacancyId);
        Map<String, Object> input = new HashMap<>(Map.of("personId", person, "kind", "EMPLOYMENT", "to", "KZ-CZN-75",
                "reason", "Трудоустройство после освобождения"));
        input.put("employment", employment);
        return graphQl("kuis-demo").documentName("openReferral").variable("input", input).executeSync();
    }

    private Map<String, Object> vacancy(String id, String speciality, String region, String district, Integer level,
                                        Boolean acceptsRecord) {
        Map<String, Object> vacancy = new LinkedHashMap<>();
        vacancy.put("id", prefix + id);
        vacancy.put("status", "OPEN");
        vacancy.put("employer", "ТОО «Жұмыс " + id + "»");
        vacancy.put("position", speciality);
        vacancy.put("speciality", speciality);
        vacancy.put("qualificationLevel", level);
        vacancy.put("region", region);
        vacancy.put("district", district);
        vacancy.put("acceptsCriminalRecord", acceptsRecord);
        vacancy.put("openedOn", LocalDate.now().minusDays(Integer.parseInt(id)).toString());
        return vacancy;
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Map<String, Object> match) {
        return ((List<Map<String, Object>>) match.get("reasons")).stream().map(r -> (String) r.get("text")).toList();
    }

    /** A word no other test's vacancy holds: a trade of its own, in Cyrillic consonants after a real stem. */
    private static String madeUpTrade() {
        String letters = "бвгджзклмнпрстфхчш";
        StringBuilder word = new StringBuilder("кузн");
        for (int i = 0; i < 7; i++) {
            word.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return word.toString();
    }
}
