package kz.reentry.hub.history;

import java.time.ZonedDateTime;
import java.util.List;

/** Values an entity had before a corrected message replaced them; {@code value} is null where the field was empty. */
public record Revision(ZonedDateTime supersededAt, String supersededByMessageId, List<FieldValue> values) {

    public record FieldValue(String field, String value) {
    }
}
