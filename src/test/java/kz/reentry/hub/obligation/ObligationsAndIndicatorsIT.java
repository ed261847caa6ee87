package kz.reentry.hub.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.health.HealthHandoffs;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.junit.jupiter.api.DisplayName;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObligationsAndIndicatorsIT extends HubIntegrationTest {

    @Autowired
    HealthHandoffs handoffs;

    @Test
    @DisplayName("intake makes the institution owe the release notice (E1) one year before the end of term, to the chosen residence")
    void releaseNoticeDue() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2039, 5, 20)).set("release.residenceRegion", "KZ-71"));

        var obligation = obligations(id).getFirst();

        assertThat(obligation).containsEntry("kind", "E1_RELEASE_NOTICE").containsEntry("dueOn", "2038-05-20")
                .containsEntry("status", "OPEN").containsEntry("overdue", false);
        assertThat(map(obligation.get("owedBy"))).containsEntry("code", "UK-161-2");
        assertThat(map(obligation.get("region"))).containsEntry("code", "KZ-71");
    }

    @Test
    @DisplayName("order 392 cl. 50: a release registered with less than a year left keeps the legal due date, a year before release: the notice is late and overdue from the day it arrives, and goes at once")
    void lateRegistration() {
        LocalDate release = LocalDate.now().plusMonths(2);
        String id = filed(ReleaseRecords.validRelease(release).set("release.residenceRegion", "KZ-47")
                .set("institution.code", "OV-3").set("institution.name", "Учреждение ОВ-3"));

        var notice = obligations(id).getFirst();
        LocalDate dueOn = LocalDate.parse((String) notice.get("dueOn"));
        assertThat(dueOn).isBeforeOrEqualTo(release.minusYears(1)).isAfter(release.minusYears(1).minusDays(5));
        assertThat(notice).containsEntry("registeredOn", LocalDate.now().toString()).containsEntry("late", true)
                .containsEntry("overdue", true);
        assertThat(overdue("OV-3", "KZ-47", LocalDate.now().toString())).extracting(o -> map(o.get("person")).get("id"))
                .contains(id);
        // the notice itself was not held back: it is in the outbox (no receiver is configured for KZ-47)
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E1'})-[:CONCERNS]->(:Person {id: $id}) RETURN count(m)",
                Map.of("id", id))).isEqualTo(2);
    }

    @Test
    @DisplayName("a notice filed in time is not late")
    void inTime() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)));
        assertThat(obligations(id).getFirst()).containsEntry("late", false).containsEntry("overdue", false)
                .containsEntry("registeredOn", LocalDate.now().toString());
    }

    @ParameterizedTest(name = "released {0}, term ends {1}: notice due {2}")
    @CsvSource({
            "2028-03-22, 2028-03-22, 2027-03-19",  // a year before is Nauryz (21-23 March) after a weekend: the Friday before
            "2028-06-05, 2028-06-05, 2027-06-04",  // a year before is a Saturday: the Friday before, never the Monday after
            "2032-02-29, 2032-02-29, 2031-02-28",  // leap day: a year before is 28 February, a Friday
            "2028-02-29, 2028-02-29, 2027-02-26",  // leap day whose year-before 28 February is a Sunday
            "2028-03-15, 2029-09-10, 2027-03-15"   // parole before the end of term: counted from the day the person walks out
    })
    @DisplayName("the release notice (E1) is due a year before the person walks out, on the working day before if that day is a holiday or weekend")
    void releaseNoticeAroundHolidays(String released, String termEnd, String due) {
        var record = ReleaseRecords.validRelease(LocalDate.parse(released)).set("custody.termEnd", termEnd);
        if (!released.equals(termEnd)) {
            record.set("release.type", "PAROLE");
        }
        String id = filed(record);

        assertThat(obligations(id)).filteredOn(o -> o.get("kind").equals("E1_RELEASE_NOTICE"))
                .singleElement().satisfies(o -> assertThat(o).containsEntry("dueOn", due));
    }

    @Test
    @DisplayName("a corrected record keeps the legal due date of an overdue release notice unless the release date moves")
    void overdueNoticeStaysOverdue() {
        // residence KZ-47 has no receiver, so the notice stays undelivered and its obligation open
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2))
                .set("institution.code", "OV-2").set("institution.name", "Учреждение ОВ-2").set("release.residenceRegion", "KZ-47");
        String id = filed(record);
        String legal = (String) obligations(id).getFirst().get("dueOn");

        postRelease(record.newMessage().set("release.housing", "Общежитие").json());
        var corrected = obligations(id).getFirst();
        var overdueAfterCorrection = overdue("OV-2", "KZ-47", LocalDate.now().toString());
        postRelease(record.newMessage().set("release.date", LocalDate.now().plusYears(2).toString())
                .set("custody.termEnd", LocalDate.now().plusYears(2).toString()).json());
        var moved = obligations(id).getFirst();

        assertThat(corrected).containsEntry("dueOn", legal).containsEntry("overdue", true).containsEntry("late", true);
        assertThat(overdueAfterCorrection).extracting(o -> map(o.get("person")).get("id")).contains(id);
        assertThat(LocalDate.parse((String) moved.get("dueOn"))).isAfter(LocalDate.now().plusYears(1).minusDays(4));
        // re-dated by a release that moved two years out, the notice is in time again
        assertThat(moved).containsEntry("overdue", false).containsEntry("late", false);
    }

    @ParameterizedTest(name = "released {0}: programme due {1}")
    @CsvSource({
            "2027-03-10, 2027-03-12",  // Wednesday: Thursday and Friday
            "2027-03-12, 2027-03-16",  // Friday: the weekend does not count
            "2027-03-19, 2027-03-26",  // before Nauryz: 21-23 March holidays, the 24th a transferred day off
            "2026-12-31, 2027-01-06",  // New Year: 1-2 January, 4 January transferred, 7 January Christmas after the two days
            "2027-05-06, 2027-05-12"   // 7 May holiday, weekend, 10 May transferred from 9 May
    })
    @DisplayName("a recorded release makes the programme (E2) due 2 working days later by Kazakhstan's calendar")
    void programmeDeliveryDue(String released, String due) {
        String id = filed(ReleaseRecords.validRelease(LocalDate.parse(released).plusMonths(1)));

        graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", id, "date", released,
                "type", "END_OF_TERM", "destinationRegion", "KZ-75", "sourceSystem", "KUIS")).executeSync();

        assertThat(obligations(id)).filteredOn(o -> o.get("kind").equals("E2_PROGRAMME_DELIVERY"))
                .singleElement().satisfies(o -> assertThat(o).containsEntry("dueOn", due));
    }

    @Test
    @DisplayName("overdue obligations are listed by owing party and territory as of a date, earliest due first")
    void overdue() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2040, 6, 1))
                .set("institution.code", "OV-1").set("institution.name", "Учреждение ОВ-1").set("release.residenceRegion", "KZ-47"));

        var before = overdue("OV-1", "KZ-47", "2039-06-01");
        var after = overdue("OV-1", "KZ-47", "2039-06-02");
        var elsewhere = overdue("OV-1", "KZ-75", "2039-06-02");

        assertThat(before).isEmpty();
        assertThat(after).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("kind", "E1_RELEASE_NOTICE").containsEntry("dueOn", "2039-06-01");
            assertThat(map(o.get("person"))).containsEntry("id", id);
        });
        assertThat(elsewhere).isEmpty();
    }

    @Test
    @DisplayName("indicators count the persons released into a region with housing, employment, treatment handed over (an acknowledged E3 handoff) and repeat offences, as the hub knew them at the time asked")
    void indicators() {
        String region = "KZ-39";
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2041, 3, 1)));
        graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", id, "date", "2041-02-27",
                "type", "END_OF_TERM", "destinationRegion", region, "sourceSystem", "KUIS", "sourceMessageId", "ind-" + id))
                .executeSync();
        OffsetDateTime beforeReferral = OffsetDateTime.now();
        String referral = graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", id,
                "kind", "HEALTH", "to", "KZ-UZ-75", "reason", "Продолжение лечения")).executeSync().field("openReferral.id").getValue();
        graphQl("health-demo").documentName("moveReferral").variable("input", Map.of("referralId", referral,
                "status", "ACCEPTED")).executeSync();
        graphQl("police-demo").documentName("recordPersonState").variable("input", Map.of("personId", id,
                "kind", "SUSPECT", "from", "2041-06-01", "sourceSystem", "ЕРДР", "region", region)).executeSync();
        // a suspicion is not a repeat offence; the court's conviction for that crime is (003 cl. 29, 52)
        graphQl("court-demo").documentName("recordConviction").variable("input", Map.of("personId", id, "court", "Суд",
                "article", "188 ч.2", "offenceOn", "2041-06-01", "convictedOn", "2041-09-01", "region", region,
                "sourceSystem", "ЕРДР")).executeSync().field("recordConviction.id").getValue();
        // accepted inside the hub, but no handoff reached a health organisation: not handed over
        assertThat(indicators(region, null)).containsEntry("treatmentHandedOver", 0);

        // a referral (to another health body: one open referral per receiver) handed over (E3) on its day
        // and acknowledged (ok) by the health organisation's system
        String handedOver = graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", id,
                "kind", "HEALTH", "to", "KZ-UZ-71", "reason", "Продолжение лечения")).executeSync().field("openReferral.id").getValue();
        assertThat(handedOver).isNotEqualTo(referral);
        StandInHealthOrganisation.INSTANCE.answer("KZ-UZ-71", StandInHealthOrganisation.Answer.OK);
        assertThat(handoffs.handOverIfDue(handedOver, LocalDate.of(2041, 2, 15))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "MATCH (o:Obligation {id: $id, status: 'MET'}) RETURN count(o)", Map.of("id", handedOver + "/E3/KZ-UZ-71")) == 1);

        var now = indicators(region, null);
        var then = indicators(region, beforeReferral.toString());

        assertThat(now).containsEntry("released", 1).containsEntry("treatmentHandedOver", 1)
                .containsEntry("repeatOffences", 1).containsEntry("withHousing", 0).containsEntry("employed", 0);
        assertThat(then).containsEntry("released", 1).containsEntry("treatmentHandedOver", 0)
                .containsEntry("repeatOffences", 0);
    }

    @Test
    @DisplayName("a case timeline lists the intake message, the states, the obligations and the referrals in order")
    void timeline() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2041, 4, 1)));
        graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", id,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync();

        var events = graphQl("kuis-demo").documentName("caseTimeline").variable("personId", id).executeSync()
                .field("caseTimeline.edges").toEntityList(Map.class).stream().map(e -> map(e.get("node"))).toList();

        assertThat(events).extracting(e -> e.get("kind")).contains("MESSAGE", "STATE", "OBLIGATION", "REFERRAL");
        List<String> times = events.stream().map(e -> (String) e.get("at")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(OffsetDateTime::parse));
        assertThat(events.getLast()).containsEntry("kind", "REFERRAL").containsEntry("actor", "KZ-MIO-75");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private List<Map> obligations(String id) {
        return graphQl("kuis-demo").documentName("personCase").variable("id", id).executeSync()
                .field("personById.obligations").toEntityList(Map.class);
    }

    private List<Map> overdue(String party, String region, String asOf) {
        return graphQl("kuis-demo").documentName("overdueObligations").variable("party", party).variable("region", region)
                .variable("asOf", asOf).executeSync().field("overdueObligations.edges").toEntityList(Map.class)
                .stream().map(e -> (Map) e.get("node")).toList();
    }

    private Map<String, Object> indicators(String region, String asOf) {
        return graphQl("prosecutor-demo").documentName("indicators").variable("from", "2041-01-01")
                .variable("to", "2041-12-31").variable("region", region).variable("asOf", asOf).executeSync()
                .field("indicators").toEntity(Map.class);
    }
}
