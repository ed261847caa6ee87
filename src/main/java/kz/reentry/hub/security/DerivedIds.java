package kz.reentry.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * Ids the hub composed from values some callers may not see. A custody episode is keyed by the IIN and
 * the start of the term ({@code {iin}/{termStart}}), and its planned release, its E1 notice and its custody
 * state carry that key, but the term start is criminal record (CustodyEpisode.termStart, access table):
 * to a caller who may not see it, such an id is shown sealed, a keyed hash that is the same for the same
 * record on every read and every instance (the key is a HubSecret, like the cursor key) and tells nothing.
 * No argument of the API takes these ids, so a sealed one never has to be opened.
 */
@Component
public class DerivedIds {

    private static final String SHARED_KEY = """
            MERGE (s:HubSecret {name: 'derived-id-key'})
            ON CREATE SET s.value = $generated, s.createdAt = datetime()
            RETURN s.value AS value
            """;

    private final Driver driver;
    private final FieldVisibility fields;
    private final CallerScopes scopes;
    private volatile SecretKeySpec key;

    DerivedIds(Driver driver, FieldVisibility fields, CallerScopes scopes) {
        this.driver = driver;
        this.fields = fields;
        this.scopes = scopes;
    }

    /** The id as the current caller may see it: itself, or sealed when it could tell the term start. */
    public String shown(String id) {
        if (id == null || fields.shows("CustodyEpisode", "termStart", scopes.partyKind(Caller.current()))) {
            return id;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        if (key == null) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            String shared;
            try (var session = driver.session()) {
                shared = session.executeWrite(tx -> tx.run(SHARED_KEY,
                        Map.of("generated", Base64.getEncoder().encodeToString(generated))).single().get("value").asString());
            }
            key = new SecretKeySpec(Base64.getDecoder().decode(shared), "HmacSHA256");
        }
        return key;
    }
}
