package kz.reentry.hub.obligation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Whether an obligation's due date was counted with a complete calendar (Obligation.dueDateProvisional). */
@Controller
class ObligationCalendarController {

    private final ObligationRepository obligations;

    ObligationCalendarController(ObligationRepository obligations) {
        this.obligations = obligations;
    }

    @BatchMapping
    Map<Obligation, Boolean> dueDateProvisional(List<Obligation> list) {
        var notes = obligations.calendarNotes(list.stream().map(Obligation::id).toList());
        Map<Obligation, Boolean> answer = new LinkedHashMap<>();
        list.forEach(o -> answer.put(o, notes.containsKey(o.id()) && !notes.get(o.id()).yearsMissing().isEmpty()));
        return answer;
    }

    @BatchMapping
    Map<Obligation, String> dueDateNote(List<Obligation> list) {
        var notes = obligations.calendarNotes(list.stream().map(Obligation::id).toList());
        Map<Obligation, String> answer = new LinkedHashMap<>();
        list.forEach(o -> {
            var note = notes.get(o.id());
            answer.put(o, note == null || note.yearsMissing().isEmpty() ? null
                    : "counted without the dated days of the " + note.jurisdiction() + " calendar for "
                    + note.yearsMissing() + " (movable holidays, transfers by decree): the public holidays by rule"
                    + " only; the date may move when the year's data is entered");
        });
        return answer;
    }
}
