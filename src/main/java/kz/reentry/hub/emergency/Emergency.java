package kz.reentry.hub.emergency;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPersons;

/**
 * An emergency in an institution as the penal system reported it (E7). Its circumstances are about the
 * persons who took part, so every read of it is a disclosure about them ({@link AboutPersons}).
 *
 * @param participantIds hub ids of the participants the hub holds, in the order reported
 */
public record Emergency(String id, EmergencyKind kind, String institutionCode, String regionCode, ZonedDateTime occurredAt,
                        ZonedDateTime receivedAt, String place, String circumstances, int otherParticipants,
                        String reportedByCode, List<String> participantIds) implements AboutPersons {

    @Override
    public List<String> personIds() {
        return participantIds;
    }

    public int totalParticipants() {
        return participantIds.size() + otherParticipants;
    }
}
