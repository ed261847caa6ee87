package kz.reentry.hub.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The holiday rules and the year they generate, without a graph (the rules as R__06 holds them). */
class HolidayRulesTests {

    static final List<HolidayRule> KZ = List.of(
            fixed("new-year-1", 1, 1, true), fixed("new-year-2", 1, 2, true), fixed("orthodox-christmas", 1, 7, false),
            fixed("womens-day", 3, 8, true), fixed("nauryz-1", 3, 21, true), fixed("nauryz-2", 3, 22, true),
            fixed("nauryz-3", 3, 23, true), fixed("unity-day", 5, 1, true), fixed("defenders-day", 5, 7, true),
            fixed("victory-day", 5, 9, true), fixed("capital-day", 7, 6, true), fixed("constitution-day", 8, 30, true),
            fixed("republic-day", 10, 25, true), fixed("independence-day", 12, 16, true));
    static final List<HolidayRule> BY = List.of(
            fixed("new-year-1", 1, 1, false), fixed("new-year-2", 1, 2, false), fixed("orthodox-christmas", 1, 7, false),
            fixed("womens-day", 3, 8, false), fixed("labour-day", 5, 1, false), fixed("victory-day", 5, 9, false),
            fixed("independence-day", 7, 3, false), fixed("october-revolution", 11, 7, false),
            fixed("catholic-christmas", 12, 25, false),
            new HolidayRule("radunitsa", "Радуница", null, 9, false, null, null, "ТК РБ ст. 147"));

    /** The dated rows of R__04 before the rules (2026-2027, Kurban ait and the days moved off weekends), which were right. */
    static final Map<String, String> KZ_2026_2027_AS_LISTED = Map.ofEntries(
            Map.entry("2026-01-01", "HOLIDAY"), Map.entry("2026-01-02", "HOLIDAY"), Map.entry("2026-01-07", "HOLIDAY"),
            Map.entry("2026-03-08", "HOLIDAY"), Map.entry("2026-03-09", "DAY_OFF"), Map.entry("2026-03-21", "HOLIDAY"),
            Map.entry("2026-03-22", "HOLIDAY"), Map.entry("2026-03-23", "HOLIDAY"), Map.entry("2026-03-24", "DAY_OFF"),
            Map.entry("2026-03-25", "DAY_OFF"), Map.entry("2026-05-01", "HOLIDAY"), Map.entry("2026-05-07", "HOLIDAY"),
            Map.entry("2026-05-09", "HOLIDAY"), Map.entry("2026-05-11", "DAY_OFF"), Map.entry("2026-05-27", "HOLIDAY"),
            Map.entry("2026-07-06", "HOLIDAY"), Map.entry("2026-08-30", "HOLIDAY"), Map.entry("2026-08-31", "DAY_OFF"),
            Map.entry("2026-10-25", "HOLIDAY"), Map.entry("2026-10-26", "DAY_OFF"), Map.entry("2026-12-16", "HOLIDAY"),
            Map.entry("2027-01-01", "HOLIDAY"), Map.entry("2027-01-02", "HOLIDAY"), Map.entry("2027-01-04", "DAY_OFF"),
            Map.entry("2027-01-07", "HOLIDAY"), Map.entry("2027-03-08", "HOLIDAY"), Map.entry("2027-03-21", "HOLIDAY"),
            Map.entry("2027-03-22", "HOLIDAY"), Map.entry("2027-03-23", "HOLIDAY"), Map.entry("2027-03-24", "DAY_OFF"),
            Map.entry("2027-05-01", "HOLIDAY"), Map.entry("2027-05-03", "DAY_OFF"), Map.entry("2027-05-07", "HOLIDAY"),
            Map.entry("2027-05-09", "HOLIDAY"), Map.entry("2027-05-10", "DAY_OFF"), Map.entry("2027-05-16", "HOLIDAY"),
            Map.entry("2027-07-06", "HOLIDAY"), Map.entry("2027-08-30", "HOLIDAY"), Map.entry("2027-10-25", "HOLIDAY"),
            Map.entry("2027-12-16", "HOLIDAY"));

    static final Map<LocalDate, String> KURBAN_AIT = Map.of(LocalDate.parse("2026-05-27"), "HOLIDAY",
            LocalDate.parse("2027-05-16"), "HOLIDAY");

    @Test
    @DisplayName("the rules of the law on holidays and Labour Code art. 85, with Kurban ait as data, give exactly the days off of the 2026 and 2027 calendar as it was listed")
    void kazakhstanRulesReproduceTheListedYears() {
        for (int year : List.of(2026, 2027)) {
            YearCalendar generated = YearCalendar.of(year, KZ, KURBAN_AIT);
            Set<LocalDate> listed = new TreeSet<>();
            KZ_2026_2027_AS_LISTED.keySet().stream().map(LocalDate::parse).filter(d -> d.getYear() == year)
                    .filter(d -> !YearCalendar.weekend(d)).forEach(listed::add);
            assertThat(daysOffOnWeekdays(generated, year)).as("weekdays off in " + year).isEqualTo(listed);
        }
    }

    @ParameterizedTest(name = "{0}: Orthodox Easter {1}")
    @CsvSource({"2024, 2024-05-05", "2025, 2025-04-20", "2026, 2026-04-12", "2027, 2027-05-02", "2031, 2031-04-13"})
    @DisplayName("Orthodox Easter by the Julian computus, as a Gregorian date")
    void orthodoxEaster(int year, LocalDate easter) {
        assertThat(HolidayRule.orthodoxEaster(year)).isEqualTo(easter);
    }

    @Test
    @DisplayName("Labour Code of BY art. 147: Radunitsa is the Tuesday nine days after Orthodox Easter (2025-04-29, 2026-04-21, 2031-04-22)")
    void radunitsa() {
        HolidayRule radunitsa = BY.getLast();
        assertThat(Stream.of(2025, 2026, 2031).map(radunitsa::in)).containsExactly(LocalDate.parse("2025-04-29"),
                LocalDate.parse("2026-04-21"), LocalDate.parse("2031-04-22"));
        assertThat(Stream.of(2025, 2026, 2031).map(radunitsa::in)).allMatch(d -> d.getDayOfWeek().getValue() == 2);
    }

    @Test
    @DisplayName("Labour Code of KZ art. 85, a far year (2031) without data: 8 March on a Saturday moves the day off to Monday the 10th; Nauryz on Friday to Sunday moves two days off to Monday and Tuesday")
    void kazakhstanFarYear() {
        YearCalendar kz = YearCalendar.of(2031, KZ, Map.of());
        assertThat(kz.kindOf(LocalDate.parse("2031-03-08"))).isEqualTo("HOLIDAY");
        assertThat(kz.kindOf(LocalDate.parse("2031-03-10"))).isEqualTo("DAY_OFF");
        assertThat(kz.kindOf(LocalDate.parse("2031-03-24"))).isEqualTo("DAY_OFF");
        assertThat(kz.kindOf(LocalDate.parse("2031-03-25"))).isEqualTo("DAY_OFF");
        assertThat(kz.kindOf(LocalDate.parse("2031-03-26"))).isNull();
        // Orthodox Christmas does not move: 7 January 2034 is a Saturday
        YearCalendar y2034 = YearCalendar.of(2034, KZ, Map.of());
        assertThat(y2034.kindOf(LocalDate.parse("2034-01-09"))).isNull();
    }

    @Test
    @DisplayName("Labour Code of BY art. 147, a far year (2031): no holiday moves off a weekend (8 March a Saturday, 10 March a working day); Radunitsa 22 April is a day off")
    void belarusFarYear() {
        YearCalendar by = YearCalendar.of(2031, BY, Map.of());
        assertThat(by.kindOf(LocalDate.parse("2031-03-08"))).isEqualTo("HOLIDAY");
        assertThat(by.kindOf(LocalDate.parse("2031-03-10"))).isNull();
        assertThat(by.kindOf(LocalDate.parse("2031-04-22"))).isEqualTo("HOLIDAY");
        assertThat(by.kinds().values()).doesNotContain("DAY_OFF");
    }

    @Test
    @DisplayName("a rule not in force in a year gives no holiday (2 January in Belarus before 2020)")
    void ruleInForce() {
        HolidayRule second = new HolidayRule("new-year-2", "Новый год", MonthDay.of(1, 2), null, false, 2020, null, "");
        assertThat(second.in(2019)).isNull();
        assertThat(second.in(2020)).isEqualTo(LocalDate.parse("2020-01-02"));
    }

    private static Set<LocalDate> daysOffOnWeekdays(YearCalendar calendar, int year) {
        Set<LocalDate> off = new TreeSet<>();
        calendar.kinds().forEach((day, kind) -> {
            if (day.getYear() == year && !YearCalendar.weekend(day) && !kind.equals("WORKDAY")) {
                off.add(day);
            }
        });
        return off;
    }

    private static HolidayRule fixed(String key, int month, int day, boolean moves) {
        return new HolidayRule(key, key, MonthDay.of(month, day), null, moves, null, null, "test");
    }
}
