package kz.reentry.hub.exchange;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Intake per channel over time (intakeHistory), counted from the message log, the duplicate arrivals and
 * the dead letters in the graph: the same messages inboundMessages lists, so the same role and rows.
 */
@Controller
class IntakeHistoryController {

    static final int MOST_STEPS = 400;

    enum HistoryStep {
        HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

        private final Duration length;

        HistoryStep(Duration length) {
            this.length = length;
        }
    }

    record IntakeCount(String channel, OffsetDateTime from, OffsetDateTime to, int accepted, int duplicates, int rejected) {
    }

    private final InboundMessageLog log;
    private final CallerScopes scopes;

    IntakeHistoryController(InboundMessageLog log, CallerScopes scopes) {
        this.log = log;
        this.scopes = scopes;
    }

    @QueryMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    List<IntakeCount> intakeHistory(@Argument OffsetDateTime from, @Argument OffsetDateTime to, @Argument HistoryStep step) {
        HistoryStep length = step == null ? HistoryStep.HOUR : step;
        if (!to.isAfter(from)) {
            throw new InvalidArgumentException("to", "range.empty", "to must be after from");
        }
        long seconds = length.length.toSeconds();
        long steps = (Duration.between(from, to).toSeconds() + seconds - 1) / seconds;
        if (steps > MOST_STEPS) {
            throw new InvalidArgumentException("to", "range.tooLong",
                    "at most " + MOST_STEPS + " steps of a " + length.name().toLowerCase() + ", not " + steps);
        }
        ZonedDateTime start = from.atZoneSameInstant(ZoneOffset.UTC);
        var tallies = log.history(start, to.atZoneSameInstant(ZoneOffset.UTC), seconds,
                scopes.currentPersonScope(), scopes.currentHealthScope());
        // channel, step -> accepted, duplicates, rejected
        Map<String, Map<Long, int[]>> counts = new TreeMap<>();
        for (var tally : tallies) {
            int[] row = counts.computeIfAbsent(tally.channel(), c -> new TreeMap<>()).computeIfAbsent(tally.step(), s -> new int[3]);
            row[switch (tally.outcome()) {
                case "accepted" -> 0;
                case "duplicate" -> 1;
                default -> 2;
            }] += (int) tally.count();
        }
        List<IntakeCount> answer = new ArrayList<>();
        counts.forEach((channel, bySteps) -> bySteps.forEach((index, row) -> {
            OffsetDateTime stepFrom = from.plusSeconds(index * seconds);
            OffsetDateTime stepTo = stepFrom.plusSeconds(seconds).isAfter(to) ? to : stepFrom.plusSeconds(seconds);
            answer.add(new IntakeCount(channel, stepFrom, stepTo, row[0], row[1], row[2]));
        }));
        answer.sort(Comparator.comparing(IntakeCount::channel).thenComparing(IntakeCount::from));
        return answer;
    }
}
