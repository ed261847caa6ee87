package kz.reentry.hub.emergency;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.EmergencyScope;
import org.neo4j.driver.Driver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * E7 (General Prosecutor's instruction No. 7): the penal system reports an emergency in an institution;
 * the regional prosecutor of the institution's region then owes the special message to the General
 * Prosecutor's department within hub.emergency.special-message-hours of receipt (cl. 4 (4), 17) and the
 * telephone alert to the department's zonal officer within hub.emergency.phone-alert-hours (cl. 23), both
 * counted in hours of real time on the hub's clock. The report and its duties are written in one
 * transaction; so are the special message (or alert) and the duty it meets.
 */
@Service
@EnableConfigurationProperties(EmergencyProperties.class)
public class Emergencies {

    private final Driver driver;
    private final EmergencyRepository emergencies;
    private final ObligationRepository obligations;
    private final CallerScopes scopes;
    private final SpecialMessages messages;
    private final EmergencyProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    Emergencies(Driver driver, EmergencyRepository emergencies, ObligationRepository obligations, CallerScopes scopes,
                SpecialMessages messages, EmergencyProperties properties, Clock clock, JsonMapper json) {
        this.driver = driver;
        this.emergencies = emergencies;
        this.obligations = obligations;
        this.scopes = scopes;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    public record ParticipantInput(String personId, String iin, List<String> articles) {
    }

    public record ReportInput(EmergencyKind kind, String institution, OffsetDateTime occurredAt, String place,
                              String circumstances, List<ParticipantInput> participants, Integer otherParticipants) {
    }

    public record SendInput(String emergencyId, String causes, String means, String note) {
    }

    public record PhoneAlertInput(String emergencyId, OffsetDateTime calledAt, String to, String note) {
    }

    Emergency report(ReportInput input, String endUser, String purpose) {
        ZonedDateTime receivedAt = ZonedDateTime.now(clock);
        Caller caller = Caller.current();
        String place = text(input.place(), "input.place");
        String circumstances = text(input.circumstances(), "input.circumstances");
        if (input.occurredAt().toInstant().isAfter(receivedAt.toInstant())) {
            throw new InvalidArgumentException("input.occurredAt", "dates.future", "is after the hub received the report ("
                    + receivedAt.toOffsetDateTime() + ")");
        }
        int others = input.otherParticipants() == null ? 0 : input.otherParticipants();
        if (others < 0) {
            throw new InvalidArgumentException("input.otherParticipants", "range", "must be 0 or more");
        }
        var institution = emergencies.institution(input.institution()).orElseThrow(() -> new InvalidArgumentException(
                "input.institution", "institution.unknown", "names no penal institution the hub knows (" + input.institution()
                + "); institutions become known through the penal system's release records"));
        EmergencyScope scope = scopes.currentEmergencyScope();
        if (!scope.covers(institution.region())) {
            throw new ForbiddenException("your party reports emergencies of institutions in its own region only");
        }
        List<EmergencyParticipant> participants = participants(input.participants());
        String id = UUID.randomUUID().toString();
        Emergency emergency = new Emergency(id, input.kind(), input.institution(), institution.region(),
                input.occurredAt().atZoneSameInstant(clock.getZone()), receivedAt, place, circumstances, others,
                caller.agency(), participants.stream().map(EmergencyParticipant::personId).toList());
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                emergencies.report(tx, emergency, participants, caller.client(), endUser, purpose);
                if (institution.prosecutor() != null) {
                    obligations.openForEmergency(tx, id + "/E7-special-message", ObligationKind.E7_SPECIAL_MESSAGE, id,
                            institution.prosecutor(), institution.region(),
                            receivedAt.plusHours(properties.specialMessageHours()), receivedAt);
                    obligations.openForEmergency(tx, id + "/E7-phone-alert", ObligationKind.E7_PHONE_ALERT, id,
                            institution.prosecutor(), institution.region(),
                            receivedAt.plusHours(properties.phoneAlertHours()), receivedAt);
                }
            });
        }
        return emergency;
    }

    /** Each participant by hub id or IIN, within the reporter's rows; an unknown one is refused by its place in the list. */
    private List<EmergencyParticipant> participants(List<ParticipantInput> inputs) {
        List<EmergencyParticipant> found = new ArrayList<>();
        var rows = scopes.currentPersonScope();
        for (int i = 0; inputs != null && i < inputs.size(); i++) {
            ParticipantInput input = inputs.get(i);
            String argument = "input.participants[" + i + "]";
            boolean byId = input.personId() != null && !input.personId().isBlank();
            boolean byIin = input.iin() != null && !input.iin().isBlank();
            if (byId == byIin) {
                throw new InvalidArgumentException(argument, "participant.key",
                        "must name the person by exactly one of personId and iin");
            }
            var person = emergencies.participant(byId ? input.personId().strip() : null, byIin ? input.iin().strip() : null, rows)
                    .orElseThrow(() -> new InvalidArgumentException(argument + (byId ? ".personId" : ".iin"), "person.unknown",
                            "names no person known to the hub (" + (byId ? input.personId() : input.iin())
                            + "): name a participant the hub holds, or count them in otherParticipants"));
            if (found.stream().anyMatch(p -> p.personId().equals(person.id()))) {
                throw new InvalidArgumentException(argument, "participant.repeated", "names a person already listed");
            }
            List<String> articles = input.articles() != null && !input.articles().isEmpty()
                    ? input.articles().stream().map(String::strip).filter(a -> !a.isEmpty()).toList()
                    : person.article() == null ? List.of() : List.of(person.article());
            found.add(new EmergencyParticipant(null, person.id(), articles));
        }
        return found;
    }

    /** The regional prosecutor that owes the special message sends it: the content as pre-filled, with its additions. */
    Emergency send(SendInput input, String endUser, String purpose) {
        Emergency emergency = visible(input.emergencyId(), "input.emergencyId");
        Obligation duty = owedBy(emergency, ObligationKind.E7_SPECIAL_MESSAGE);
        Caller caller = Caller.current();
        ZonedDateTime now = ZonedDateTime.now(clock);
        SpecialMessageContent content = messages.draft(List.of(emergency), scopes.currentPersonScope()).get(emergency.id())
                .with(optional(input.causes(), "input.causes"), optional(input.means(), "input.means"));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!emergencies.send(tx, emergency.id(), now, caller.agency(), caller.client(), endUser, purpose,
                        json.writeValueAsString(content), content.causes(), content.means(), optional(input.note(), "input.note"))) {
                    throw new InvalidArgumentException("input.emergencyId", "specialMessage.sent",
                            "names an emergency whose special message was sent already");
                }
                obligations.meetAt(tx, duty.id(), now);
            });
        }
        return emergency;
    }

    /** The regional prosecutor records the telephone alert it made (cl. 23); it meets the duty at the time of the call. */
    Emergency recordPhoneAlert(PhoneAlertInput input, String endUser, String purpose) {
        Emergency emergency = visible(input.emergencyId(), "input.emergencyId");
        Obligation duty = owedBy(emergency, ObligationKind.E7_PHONE_ALERT);
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime calledAt = input.calledAt().atZoneSameInstant(clock.getZone());
        if (calledAt.isAfter(now)) {
            throw new InvalidArgumentException("input.calledAt", "dates.future", "is in the future");
        }
        if (calledAt.isBefore(emergency.receivedAt())) {
            throw new InvalidArgumentException("input.calledAt", "dates.order", "is before the report was received ("
                    + emergency.receivedAt().toOffsetDateTime() + ")");
        }
        String to = text(input.to(), "input.to");
        Caller caller = Caller.current();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!emergencies.alert(tx, emergency.id(), calledAt, to, optional(input.note(), "input.note"), now,
                        caller.agency(), caller.client(), endUser, purpose)) {
                    throw new InvalidArgumentException("input.emergencyId", "phoneAlert.recorded",
                            "names an emergency whose telephone alert was recorded already");
                }
                obligations.meetAt(tx, duty.id(), calledAt);
            });
        }
        return emergency;
    }

    Emergency visible(String id, String argument) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new InvalidArgumentException(argument, "id", "is not an emergency id");
        }
        Emergency emergency = emergencies.byIds(List.of(id), scopes.currentEmergencyScope()).get(id);
        if (emergency == null) {
            throw new NotFoundException("No emergency with id " + id + " (" + argument + ") is known to the hub");
        }
        return emergency;
    }

    private Obligation owedBy(Emergency emergency, ObligationKind kind) {
        Obligation duty = obligations.ofEmergencies(List.of(emergency.id())).get(emergency.id()).stream()
                .filter(o -> o.kind().equals(kind.name())).findFirst()
                .orElseThrow(() -> new NotFoundException("No " + kind + " is owed for this emergency"));
        if (!duty.owedByCode().equals(Caller.current().agency())) {
            throw new ForbiddenException("only the prosecutor's office that owes it (" + duty.owedByCode() + ") may do this");
        }
        return duty;
    }

    private String text(String value, String argument) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(argument, "required", "is required");
        }
        return optional(value, argument);
    }

    private String optional(String value, String argument) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > properties.maxTextLength()) {
            throw new InvalidArgumentException(argument, "text.length", "must be at most " + properties.maxTextLength()
                    + " characters");
        }
        return value.strip();
    }

    Map<String, Emergency> byIds(List<String> ids) {
        return emergencies.byIds(ids, scopes.currentEmergencyScope());
    }
}
