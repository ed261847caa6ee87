package kz.reentry.hub.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo token issuer of the embedded default: one client per kind of party.
 *
 * @param issuer   the {@code iss} of the tokens it signs, checked by the hub on every request
 * @param tokenTtl how long an access token is valid
 * @param clients  client id to the client's secret and the claims its tokens carry
 * @param users    people who sign in to the operator console (ADR 0012): login to password and the demo
 *                 client whose party they act for (their tokens get its agency, region and roles)
 */
@ConfigurationProperties("hub.security.embedded-issuer")
public record EmbeddedIssuerProperties(String issuer, Duration tokenTtl, Map<String, DemoClient> clients,
                                       Map<String, DemoUser> users) {

    public EmbeddedIssuerProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record DemoClient(String secret, String agency, String region, List<String> roles) {
    }

    public record DemoUser(String password, String party) {
    }
}
