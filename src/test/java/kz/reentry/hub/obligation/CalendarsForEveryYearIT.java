package kz.reentry.hub.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The working-day calendars of the running hub, from the rules and dated days of its graph. */
class CalendarsForEveryYearIT extends HubIntegrationTest {

    private static final String RELEASE = """
            mutation ($input: RecordReleaseInput!) { recordRelease(input: $input) { id } }""";
    private static final String OBLIGATIONS = """
            query ($id: ID!) { personById(id: $id) { obligations { kind dueOn dueDateProvisional dueDateNote } } }""";

    @Autowired
    WorkingDayCalendar calendar;

    @Test
    @DisplayName("Law on holidays of KZ and Labour Code art. 85: the graph's rules and Kurban ait give the days off of 2026 and 2027 exactly as they were listed day by day")
    void kazakhstanListedYearsFromRules() {
        for (int year : List.of(2026, 2027)) {
            Set<LocalDate> listed = new TreeSet<>();
            HolidayRulesTests.KZ_2026_2027_AS_LISTED.keySet().stream().map(LocalDate::parse)
                    .filter(d -> d.getYear() == year && !YearCalendar.weekend(d)).forEach(listed::add);
            Set<LocalDate> off = new TreeSet<>();
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                if (!YearCalendar.weekend(d) && !calendar.isWorkingDay("KZ", d)) {
                    off.add(d);
                }
            }
            assertThat(off).as("weekdays off in " + year).isEqualTo(listed);
            assertThat(calendar.hasDatedDays("KZ", year)).isTrue();
        }
    }

    @Test
    @DisplayName("Labour Code of BY art. 147 in a far year (2031): 8 March on a Saturday moves nothing, Radunitsa (22 April) is a day off, and Belarus's 2031 has no dated days yet")
    void belarusFarYear() {
        assertThat(calendar.isWorkingDay("BY", LocalDate.parse("2031-03-10"))).isTrue();
        assertThat(calendar.isWorkingDay("KZ", LocalDate.parse("2031-03-10"))).as("Kazakhstan moves it").isFalse();
        assertThat(calendar.isWorkingDay("BY", LocalDate.parse("2031-04-22"))).isFalse();
        assertThat(calendar.isWorkingDay("BY", LocalDate.parse("2031-07-03"))).isFalse();
        assertThat(calendar.hasDatedDays("BY", 2031)).isFalse();
    }

    @Test
    @DisplayName("order 392 cl. 43, a holiday in a year without data (2031): released on 20 March, the programme is due on 27 March (Nauryz 21-23 March, the weekend's days off moved to 24-25 March), flagged as provisional")
    void holidayInAYearWithoutData() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.parse("2031-04-20")));

        record(id, "2031-03-20");

        assertThat(e2(id)).containsEntry("dueOn", "2031-03-27").containsEntry("dueDateProvisional", true)
                .satisfies(o -> assertThat((String) o.get("dueDateNote")).contains("KZ").contains("2031"));
    }

    @Test
    @DisplayName("order 392 cl. 43 in a year with data (2027): released on 6 May, the programme is due on 12 May (7 May, the weekend, 10 May moved from 9 May), not provisional")
    void yearWithData() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.parse("2027-06-06")));

        record(id, "2027-05-06");

        assertThat(e2(id)).containsEntry("dueOn", "2027-05-12").containsEntry("dueDateProvisional", false)
                .containsEntry("dueDateNote", null);
    }

    private void record(String personId, String date) {
        var reply = graphQl("kuis-demo").document(RELEASE).variable("input", Map.of("personId", personId, "date", date,
                "type", "END_OF_TERM", "destinationRegion", "KZ-75", "sourceSystem", "KUIS")).executeSync();
        assertThat(reply.getErrors()).isEmpty();
    }

    private Map<String, Object> e2(String personId) {
        List<Map<String, Object>> obligations = graphQl("kuis-demo").document(OBLIGATIONS).variable("id", personId)
                .executeSync().field("personById.obligations").getValue();
        return obligations.stream().filter(o -> o.get("kind").equals("E2_PROGRAMME_DELIVERY")).findFirst().orElseThrow();
    }
}
