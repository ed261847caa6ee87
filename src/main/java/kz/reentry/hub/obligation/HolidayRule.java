package kz.reentry.hub.obligation;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A public holiday a statute fixes for every year (graph-model/migrations/R__06_Public_holiday_rules.cypher):
 * on a day of the year, or a number of days after Orthodox Easter (Radunitsa in Belarus), in force from
 * one year to another (either open).
 *
 * @param movesOffWeekend whether the day off moves to the next working day when the holiday falls on a
 *                        Saturday or Sunday (Kazakhstan, except Orthodox Christmas; never in Belarus)
 */
public record HolidayRule(String key, String name, MonthDay day, Integer daysAfterOrthodoxEaster,
                          boolean movesOffWeekend, Integer fromYear, Integer toYear, String source) {

    public HolidayRule {
        if ((day == null) == (daysAfterOrthodoxEaster == null)) {
            throw new IllegalArgumentException("holiday rule " + key + " needs either a day or days after Orthodox Easter");
        }
    }

    /** The holiday's date in the year, or null when the rule is not in force that year. */
    public LocalDate in(int year) {
        if ((fromYear != null && year < fromYear) || (toYear != null && year > toYear)) {
            return null;
        }
        return day != null ? day.atYear(year) : orthodoxEaster(year).plusDays(daysAfterOrthodoxEaster);
    }

    /**
     * Orthodox Easter, as a Gregorian date: the Julian computus (Meeus), shifted by the difference between
     * the calendars (13 days from 1900 to 2099, one more each century not divisible by 400).
     */
    public static LocalDate orthodoxEaster(int year) {
        int a = year % 4;
        int b = year % 7;
        int c = year % 19;
        int d = (19 * c + 15) % 30;
        int e = (2 * a + 4 * b - d + 34) % 7;
        int month = (d + e + 114) / 31;
        int day = (d + e + 114) % 31 + 1;
        int century = year / 100;
        int julianToGregorian = century - century / 4 - 2;
        return LocalDate.of(year, month, day).plusDays(julianToGregorian);
    }
}
