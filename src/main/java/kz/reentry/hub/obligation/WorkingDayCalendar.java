package kz.reentry.hub.obligation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * Working days of a jurisdiction: Monday to Friday, except the public holidays and transferred days
 * off of its calendar in the graph, plus the weekend days a decree made working days
 * (graph-model/migrations/R__04_Working_day_calendar_KZ.cypher).
 */
@Component
public class WorkingDayCalendar {

    private static final String DAYS = """
            MATCH (d:CalendarDay {jurisdiction: $jurisdiction})
            RETURN d.date AS date, d.kind AS kind
            """;

    private final Driver driver;
    /** The calendar changes only with a migration at start-up, so each jurisdiction's is read once. */
    private final Map<String, Map<LocalDate, String>> calendars = new ConcurrentHashMap<>();

    WorkingDayCalendar(Driver driver) {
        this.driver = driver;
    }

    public boolean isWorkingDay(String jurisdiction, LocalDate day) {
        String kind = calendar(jurisdiction).get(day);
        if (kind != null) {
            return kind.equals("WORKDAY");
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
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

    private Map<LocalDate, String> calendar(String jurisdiction) {
        return calendars.computeIfAbsent(jurisdiction, j -> driver.executableQuery(DAYS)
                .withParameters(Map.of("jurisdiction", j)).withConfig(Cypher.READ).execute().records().stream()
                .collect(Collectors.toMap(r -> r.get("date").asLocalDate(), r -> r.get("kind").asString())));
    }
}
