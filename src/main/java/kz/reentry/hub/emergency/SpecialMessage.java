package kz.reentry.hub.emergency;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPersons;

/** The special message as the regional prosecutor sent it, its content kept as it was then. */
public record SpecialMessage(String emergencyId, ZonedDateTime sentAt, String sentByCode, String sentByUser,
                             SpecialMessageContent content, String note) implements AboutPersons {

    @Override
    public List<String> personIds() {
        return content.personIds();
    }
}
