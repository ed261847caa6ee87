package kz.reentry.hub.emergency;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import kz.reentry.hub.disclosure.AboutPerson;
import kz.reentry.hub.disclosure.AboutPersons;

/**
 * What a special message says (003 cl. 17): date, time, place and circumstances of the emergency, its
 * causes, aims, ways and instruments, how many took part, and each participant by name with the articles
 * they are charged or convicted under; with 5 or more participants their data are attached, not written
 * into the text. Whether a participant is on an operational-preventive register (also cl. 17) is
 * operational-search data, which stays out of the hub (domain brief): the prosecutor adds it outside.
 */
public record SpecialMessageContent(String text, EmergencyKind kind, String institutionName, String regionName,
                                    ZonedDateTime occurredAt, String place, String circumstances, String causes, String means,
                                    int totalParticipants, boolean participantsAttached,
                                    List<Participant> participants) implements AboutPersons {

    /** From this many participants on, their data are attached to the message (cl. 17). */
    static final int ATTACHED_FROM = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Override
    public List<String> personIds() {
        return participants.stream().map(Participant::personId).toList();
    }

    /** A participant as the message names them. */
    public record Participant(String personId, String surname, String givenName, String patronymic, LocalDate birthDate,
                              List<String> articles, LocalDate termStart, LocalDate termEnd) implements AboutPerson {

        String inWords() {
            StringBuilder words = new StringBuilder(surname);
            for (String name : new String[]{givenName, patronymic}) {
                if (name != null) {
                    words.append(' ').append(name);
                }
            }
            if (birthDate != null) {
                words.append(", ").append(DAY.format(birthDate)).append(" г.р.");
            }
            if (!articles.isEmpty()) {
                words.append(", ст. ").append(String.join(", ", articles)).append(" УК РК");
            }
            if (termStart != null && termEnd != null) {
                words.append(", срок с ").append(DAY.format(termStart)).append(" по ").append(DAY.format(termEnd));
            }
            return words.toString();
        }
    }

    static SpecialMessageContent of(EmergencyKind kind, String institutionName, String regionName, ZonedDateTime occurredAt,
                                    String place, String circumstances, String causes, String means, int totalParticipants,
                                    List<Participant> participants) {
        boolean attached = totalParticipants >= ATTACHED_FROM;
        StringBuilder text = new StringBuilder("СПЕЦСООБЩЕНИЕ о чрезвычайном происшествии (п. 17 Инструкции № 7)\n");
        text.append("Учреждение: ").append(institutionName == null ? "—" : institutionName);
        if (regionName != null) {
            text.append(", ").append(regionName);
        }
        text.append("\nДата и время: ").append(DAY.format(occurredAt)).append(' ').append(TIME.format(occurredAt))
                .append(" (").append(occurredAt.getOffset()).append(")");
        text.append("\nВид: ").append(kind.inWords());
        text.append("\nМесто: ").append(place);
        text.append("\nОбстоятельства: ").append(circumstances);
        if (causes != null) {
            text.append("\nПричины и цели: ").append(causes);
        }
        if (means != null) {
            text.append("\nСпособы, предметы и орудия: ").append(means);
        }
        text.append("\nОбщее количество участников: ").append(totalParticipants);
        if (attached) {
            text.append("\nДанные об участниках прилагаются (").append(participants.size()).append(").");
        } else {
            for (int i = 0; i < participants.size(); i++) {
                text.append("\n").append(i + 1).append(") ").append(participants.get(i).inWords());
            }
        }
        return new SpecialMessageContent(text.toString(), kind, institutionName, regionName, occurredAt, place, circumstances,
                causes, means, totalParticipants, attached, List.copyOf(participants));
    }

    /** The same content with the prosecutor's additions (causes, means), its text written again. */
    SpecialMessageContent with(String causes, String means) {
        return of(kind, institutionName, regionName, occurredAt, place, circumstances, causes, means, totalParticipants,
                participants);
    }

    /** The same content naming only these persons (those the reader's rows hold), its text written again. */
    SpecialMessageContent naming(Set<String> personIds) {
        return of(kind, institutionName, regionName, occurredAt, place, circumstances, causes, means, totalParticipants,
                participants.stream().filter(p -> personIds.contains(p.personId())).toList());
    }
}
