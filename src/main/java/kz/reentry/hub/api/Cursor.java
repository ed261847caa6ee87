package kz.reentry.hub.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset position: the sort key values of the last row a page returned. Clients treat it
 * as a token; the hub decodes it into Cypher parameters ({@code WHERE (key) > (after)}), never into SKIP.
 */
public record Cursor(String kind, List<String> keys) {

    private static final String SEPARATOR = "\u001f";

    public String encode() {
        String raw = kind + SEPARATOR + String.join(SEPARATOR, keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param argument the name of the GraphQL argument the cursor came in, for the error message
     * @return null when there is no cursor (first page)
     */
    public static Cursor decode(String encoded, String kind, int keyCount, String argument) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split(SEPARATOR, -1));
            if (parts.size() == keyCount + 1 && parts.getFirst().equals(kind)) {
                return new Cursor(kind, parts.subList(1, parts.size()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the caller's error
        }
        throw new InvalidArgumentException(argument, "cursor",
                "is not a cursor this query returned; pass the endCursor of the previous page");
    }

    public String key(int index) {
        return keys.get(index);
    }
}
