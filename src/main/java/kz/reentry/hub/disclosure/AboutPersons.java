package kz.reentry.hub.disclosure;

import java.util.List;

/**
 * Implemented by records that carry personal data of any number of persons (a kept message's
 * payload), so the disclosure log records every read of them, even when it can name none of them.
 */
public interface AboutPersons {

    /** Hub ids of the persons, or {@code iin:<IIN>} for a person the hub has not filed. */
    List<String> personIds();
}
