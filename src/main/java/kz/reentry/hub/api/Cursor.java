package kz.reentry.hub.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;


/**
 * A keyset position: the sort key values of the last row a page returned, which the hub decodes
 * into Cypher parameters ({@code WHERE (key) > (after)}), never into SKIP. To clients it is opaque
 * and means nothing: sealed ({@link CursorSeal}) with the hub's cursor key ({@link CursorKey}), bound
 * to the kind of query and to the client it was issued to, so that it shows no IIN, date, id or
 * summary, cannot be forged or altered, and is of no use to another client or another query. A
 * cursor that does not open is a BAD_REQUEST naming the argument it came in.
 */
public record Cursor(String kind, List<String> keys) {

    private static final String SEPARATOR = "\u001f";
    /** How to have the key (CursorKey, at start-up); cursors are made and read deep in repositories. */
    private static volatile Supplier<CursorSeal> key;
    private static volatile CursorSeal seal;

    static void install(Supplier<CursorSeal> installed) {
        synchronized (Cursor.class) {
            key = installed;
            seal = null;
        }
    }

    public String encode() {
        return seal().seal(kind, client(), String.join(SEPARATOR, keys));
    }

    /**
     * @param argument the name of the GraphQL argument the cursor came in, for the error message
     * @return null when there is no cursor (first page)
     */
    public static Cursor decode(String encoded, String kind, int keyCount, String argument) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        Optional<List<String>> keys = seal().open(kind, client(), encoded.strip()).map(raw -> List.of(raw.split(SEPARATOR, -1)));
        if (keys.isPresent() && keys.get().size() == keyCount) {
            return new Cursor(kind, keys.get());
        }
        throw new InvalidArgumentException(argument, "cursor",
                "is not a cursor this query returned to your client; pass the endCursor of the previous page");
    }

    public String key(int index) {
        return keys.get(index);
    }

    private static String client() {
        // the token's subject, as Caller.client() reads it; api stays below security
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token
                ? token.getToken().getSubject() : "";
    }

    private static CursorSeal seal() {
        CursorSeal installed = seal;
        if (installed != null) {
            return installed;
        }
        synchronized (Cursor.class) {
            if (seal == null) {
                if (key == null) {
                    throw new IllegalStateException("No cursor key: CursorKey installs it when the hub starts");
                }
                seal = key.get();
            }
            return seal;
        }
    }
}
