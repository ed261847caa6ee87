package kz.reentry.hub.obligation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One year of a jurisdiction's calendar: the holidays its rules give for the year, the dated days of the
 * graph laid over them (movable holidays such as Kurban ait, days moved by decree), and, for a rule that
 * says so, the day off of a holiday on a weekend moved to the next working day. A moved day may fall in
 * the next year (16 December on a Saturday moves nothing past the 18th, but a rule might): it is kept
 * here and looked up by {@link WorkingDayCalendar} for both years.
 */
record YearCalendar(int year, Map<LocalDate, String> kinds) {

    static final String HOLIDAY = "HOLIDAY";
    static final String DAY_OFF = "DAY_OFF";
    static final String WORKDAY = "WORKDAY";

    /**
     * @param rules the jurisdiction's holiday rules
     * @param dated the jurisdiction's dated days (date to HOLIDAY, DAY_OFF or WORKDAY), any years
     */
    static YearCalendar of(int year, Collection<HolidayRule> rules, Map<LocalDate, String> dated) {
        Map<LocalDate, String> kinds = new HashMap<>();
        List<Map.Entry<LocalDate, HolidayRule>> holidays = rules.stream()
                .map(rule -> Map.entry(rule.in(year) == null ? LocalDate.MIN : rule.in(year), rule))
                .filter(e -> !e.getKey().equals(LocalDate.MIN))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .toList();
        holidays.forEach(h -> kinds.put(h.getKey(), HOLIDAY));
        dated.forEach((day, kind) -> {
            if (day.getYear() == year || day.getYear() == year + 1 && day.getMonthValue() == 1) {
                kinds.put(day, kind);
            }
        });
        for (var holiday : holidays) {
            LocalDate day = holiday.getKey();
            if (holiday.getValue().movesOffWeekend() && weekend(day) && !WORKDAY.equals(kinds.get(day))) {
                LocalDate next = day.plusDays(1);
                while (weekend(next) || kinds.containsKey(next)) {
                    next = next.plusDays(1);
                }
                kinds.put(next, DAY_OFF);
            }
        }
        return new YearCalendar(year, kinds);
    }

    /** The kind of a listed day (HOLIDAY, DAY_OFF, WORKDAY), or null for an ordinary one. */
    String kindOf(LocalDate day) {
        return kinds.get(day);
    }

    static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
