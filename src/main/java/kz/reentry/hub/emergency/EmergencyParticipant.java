package kz.reentry.hub.emergency;

import java.util.List;

import kz.reentry.hub.disclosure.AboutPerson;

/** A participant of an emergency the hub holds, with the articles reported for them. */
public record EmergencyParticipant(String emergencyId, String personId, List<String> articles) implements AboutPerson {
}
