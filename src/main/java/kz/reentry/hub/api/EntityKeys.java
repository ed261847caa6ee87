package kz.reentry.hub.api;

import java.util.List;
import java.util.Objects;

/**
 * The keys of federation representations ({@code _entities}) as a mapping receives them: a
 * representation without its key field is the caller's mistake, BAD_REQUEST naming the field, not a
 * failure inside the hub.
 */
public final class EntityKeys {

    private EntityKeys() {
    }

    public static List<String> required(List<String> keys, String type, String field) {
        if (keys.stream().anyMatch(Objects::isNull)) {
            throw new InvalidArgumentException("representations", "representation.key",
                    "each " + type + " representation needs its key field '" + field + "'");
        }
        return keys;
    }
}
