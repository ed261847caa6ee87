package kz.reentry.hub.person;

import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import org.springframework.stereotype.Service;

/** Finds a person for an operation, or says, in the caller's terms, why there is none. */
@Service
public class PersonLookup {

    /** A hub id is a UUID (36 characters); room for other forms, none for a megabyte to echo. */
    private static final int MAX_ID_LENGTH = 64;

    private final PersonRepository persons;

    PersonLookup(PersonRepository persons) {
        this.persons = persons;
    }

    /** The person with this hub id; NOT_FOUND naming the argument otherwise. */
    public Person byId(String id, String argument) {
        checkId(id, argument);
        Person person = persons.findByIds(List.of(id)).get(id);
        if (person == null) {
            throw notFound(id, argument);
        }
        return person;
    }

    /** A BAD_REQUEST naming the argument unless {@code id} has the form of a hub id. */
    public static void checkId(String id, String argument) {
        if (id == null || id.isBlank()) {
            throw new InvalidArgumentException(argument, "required", "is required");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidArgumentException(argument, "id.length", "must be at most " + MAX_ID_LENGTH
                    + " characters (a hub id is a UUID), not " + id.length());
        }
    }

    /** The answer for a hub id the caller's rows do not hold: the same whether nobody or a hidden person has it. */
    public static NotFoundException notFound(String id, String argument) {
        return new NotFoundException("No person with id " + id + " (" + argument + ") is known to the hub");
    }

    /** Whether the caller's rows hold this person; things of a person outside them are to be answered as absent. */
    public boolean isVisible(String personId) {
        return personId != null && persons.findByIds(List.of(personId)).containsKey(personId);
    }
}
