package kz.reentry.hub.person;

import java.time.LocalDate;

/**
 * @param id         the hub's own id
 * @param iin        the Kazakh identifier this person holds: the key of what is filed under it (custody, history)
 * @param claimedIin the IIN a record registered by a party that could not see its holder claims (then
 *                   {@code iin} is null); shown as the person's IIN to those who see this record
 */
public record Person(String id, String iin, String surname, String givenName, String patronymic, LocalDate birthDate,
                     Sex sex, String citizenship, String sourceMessageId, String claimedIin) {

    /** The IIN the schema's Person.iin shows: the one held, or else the one claimed. */
    public String shownIin() {
        return iin != null ? iin : claimedIin;
    }
}
