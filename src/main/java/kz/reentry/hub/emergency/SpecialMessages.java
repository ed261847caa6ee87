package kz.reentry.hub.emergency;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.security.PersonScope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The special message's content pre-filled from the graph (institution and region names, the
 * participants' names, birth dates, articles and terms), and the messages as sent. Participants outside
 * the reader's person rows are left out of both.
 */
@Component
class SpecialMessages {

    private final EmergencyRepository emergencies;
    private final JsonMapper json;

    SpecialMessages(EmergencyRepository emergencies, JsonMapper json) {
        this.emergencies = emergencies;
        this.json = json;
    }

    Map<String, SpecialMessageContent> draft(Collection<Emergency> list, PersonScope rows) {
        List<String> ids = list.stream().map(Emergency::id).toList();
        var participants = emergencies.participants(ids, rows);
        var places = emergencies.places(ids);
        Map<String, SpecialMessageContent> drafts = new HashMap<>();
        for (Emergency e : list) {
            var names = places.getOrDefault(e.id(), new EmergencyRepository.Names(null, null));
            drafts.put(e.id(), SpecialMessageContent.of(e.kind(), names.institution(), names.region(), e.occurredAt(),
                    e.place(), e.circumstances(), null, null, e.totalParticipants(), participants.get(e.id())));
        }
        return drafts;
    }

    /** The messages sent, as the reader may see them: only the participants of its rows named. */
    Map<String, SpecialMessage> sent(Collection<Emergency> list, PersonScope rows) {
        List<String> ids = list.stream().map(Emergency::id).toList();
        var stored = emergencies.messages(ids);
        if (stored.isEmpty()) {
            return Map.of();
        }
        var visible = emergencies.participants(stored.keySet(), rows);
        Map<String, SpecialMessage> sent = new HashMap<>();
        stored.forEach((id, message) -> {
            Set<String> named = visible.get(id).stream().map(SpecialMessageContent.Participant::personId).collect(Collectors.toSet());
            SpecialMessageContent content = json.readValue(message.content(), SpecialMessageContent.class).naming(named);
            sent.put(id, new SpecialMessage(id, message.sentAt(), message.sentBy(), message.sentByUser(), content, message.note()));
        });
        return sent;
    }
}
