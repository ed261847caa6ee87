package kz.reentry.hub.obligation;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * Working days of a jurisdiction, for any year: Monday to Friday, except the public holidays its rules
 * fix for every year (HolidayRule nodes, R__06_Public_holiday_rules.cypher; in Kazakhstan a holiday on a
 * weekend moves the day off to the next working day) and the dated days of the graph (CalendarDay nodes:
 * movable holidays such as Kurban ait, days moved by decree, weekend days made working days;
 * R__04_Working_day_calendar_KZ.cypher, R__07_Working_day_calendar_BY.cypher). The dated days of a year are
 * known to be complete only when a CalendarYear node says so ({@link #hasDatedDays}); a deadline counted
 * in a year without one is counted with the rules alone, and the obligation says so (dueDateProvisional).
 */
@Component
public class WorkingDayCalendar {

    private static final String DAYS = """
            MATCH (d:CalendarDay {jurisdiction: $jurisdiction})
            RETURN d.date AS date, d.kind AS kind
            """;
    private static final String RULES = """
            MATCH (r:HolidayRule {jurisdiction: $jurisdiction})
            RETURN r.key AS key, r.name AS name, r.month AS month, r.day AS day,
                   r.daysAfterOrthodoxEaster AS daysAfterOrthodoxEaster, coalesce(r.movesOffWeekend, false) AS moves,
                   r.fromYear AS fromYear, r.toYear AS toYear, r.source AS source
            """;
    private static final String YEARS = """
            MATCH (y:CalendarYear {jurisdiction: $jurisdiction})
            RETURN y.year AS year
            """;

    private final Driver driver;
    /** The calendar changes only with a migration at start-up, so each jurisdiction's is read once. */
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, YearCalendar>> years = new ConcurrentHashMap<>();

    WorkingDayCalendar(Driver driver) {
        this.driver = driver;
    }

    public boolean isWorkingDay(String jurisdiction, LocalDate day) {
        String kind = year(jurisdiction, day.getYear()).kindOf(day);
        if (kind == null) {
            kind = year(jurisdiction, day.getYear() - 1).kindOf(day);
        }
        if (kind != null) {
            return kind.equals(YearCalendar.WORKDAY);
        }
        return !YearCalendar.weekend(day);
    }

    /** The day on which {@code count} whole working days after {@code day} have passed. */
    public LocalDate plusWorkingDays(String jurisdiction, LocalDate day, int count) {
        LocalDate current = day;
        int passed = 0;
        while (passed < count) {
            current = current.plusDays(1);
            if (isWorkingDay(jurisdiction, current)) {
                passed++;
            }
        }
        return current;
    }

    /** The day itself if it is a working day, otherwise the last working day before it. */
    public LocalDate workingDayOnOrBefore(String jurisdiction, LocalDate day) {
        LocalDate current = day;
        while (!isWorkingDay(jurisdiction, current)) {
            current = current.minusDays(1);
        }
        return current;
    }

    /**
     * Whether the graph holds the year's dated days for the jurisdiction (its movable holidays and the
     * decree's transfers): without them the year is known by its rules alone.
     */
    public boolean hasDatedDays(String jurisdiction, int year) {
        return source(jurisdiction).years().contains(year);
    }

    private YearCalendar year(String jurisdiction, int year) {
        return years.computeIfAbsent(jurisdiction, j -> new ConcurrentHashMap<>())
                .computeIfAbsent(year, y -> {
                    Source source = source(jurisdiction);
                    return YearCalendar.of(y, source.rules(), source.days());
                });
    }

    private Source source(String jurisdiction) {
        return sources.computeIfAbsent(jurisdiction, j -> {
            Map<String, Object> parameters = Map.of("jurisdiction", j);
            Map<LocalDate, String> days = driver.executableQuery(DAYS).withParameters(parameters).withConfig(Cypher.READ)
                    .execute().records().stream()
                    .collect(Collectors.toMap(r -> r.get("date").asLocalDate(), r -> r.get("kind").asString()));
            List<HolidayRule> rules = driver.executableQuery(RULES).withParameters(parameters).withConfig(Cypher.READ)
                    .execute().records().stream()
                    .map(r -> new HolidayRule(r.get("key").asString(), r.get("name").asString(),
                            r.get("month").isNull() ? null : MonthDay.of(r.get("month").asInt(), r.get("day").asInt()),
                            r.get("daysAfterOrthodoxEaster").isNull() ? null : r.get("daysAfterOrthodoxEaster").asInt(),
                            r.get("moves").asBoolean(),
                            r.get("fromYear").isNull() ? null : r.get("fromYear").asInt(),
                            r.get("toYear").isNull() ? null : r.get("toYear").asInt(), r.get("source").asString(null)))
                    .toList();
            Set<Integer> dated = driver.executableQuery(YEARS).withParameters(parameters).withConfig(Cypher.READ)
                    .execute().records().stream().map(r -> r.get("year").asInt()).collect(Collectors.toSet());
            return new Source(rules, days, dated);
        });
    }

    private record Source(List<HolidayRule> rules, Map<LocalDate, String> days, Set<Integer> years) {
    }
}
