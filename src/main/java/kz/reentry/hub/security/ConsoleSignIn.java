package kz.reentry.hub.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The operator console's registration with the embedded issuer (ADR 0012): its client id, a secret made
 * at start-up (the console and the issuer are one process, so it is never written anywhere) unless
 * hub.console.client-secret sets one, where the console is (its redirection endpoint must be registered
 * exactly; hub.console.redirect-uris adds the consoles of other hubs that sign people in here, as a hub
 * standing in for the ministry's provider) and the demo people who may sign in, each acting for the party
 * of one demo client.
 */
public final class ConsoleSignIn {

    public static final String CLIENT_ID = "hub-console";
    /** The claim naming the person a token was issued to; the GraphQL edge takes the end user from it. */
    public static final String END_USER_CLAIM = "end_user";

    private final String secret;
    private final String configuredBaseUrl;
    private final Environment environment;
    private final EmbeddedIssuerProperties properties;

    private final List<String> otherRedirectUris;

    ConsoleSignIn(String configuredBaseUrl, String configuredSecret, List<String> otherRedirectUris,
                  Environment environment, EmbeddedIssuerProperties properties) {
        if (configuredSecret != null && !configuredSecret.isBlank()) {
            this.secret = configuredSecret;
        } else {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        this.otherRedirectUris = otherRedirectUris.stream().filter(uri -> !uri.isBlank()).map(String::strip).toList();
        this.configuredBaseUrl = configuredBaseUrl;
        this.environment = environment;
        this.properties = properties;
    }

    public String clientSecret() {
        return secret;
    }

    /** Where browsers open the console: hub.console.base-url, or http://localhost:&lt;the port the hub listens on&gt;. */
    public String baseUrl() {
        if (configuredBaseUrl != null && !configuredBaseUrl.isBlank()) {
            return configuredBaseUrl.replaceAll("/+$", "");
        }
        return "http://localhost:" + localPort();
    }

    /** The hub itself, for the console's server-side calls (token endpoint, keys, GraphQL): the loopback interface. */
    public String loopbackUrl() {
        return "http://127.0.0.1:" + localPort();
    }

    public String redirectUri() {
        return baseUrl() + "/login/oauth2/code/" + CLIENT_ID;
    }

    /** The redirection endpoints of other hubs' consoles that sign people in here (hub.console.redirect-uris). */
    public List<String> otherRedirectUris() {
        return otherRedirectUris;
    }

    public String issuer() {
        return properties.issuer();
    }

    private String localPort() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("The console's addresses are known once the web server listens");
        }
        return port;
    }

    /** The demo client whose party a person acts for, when the person is a demo user. */
    Optional<EmbeddedIssuerProperties.DemoClient> partyOf(String login) {
        return Optional.ofNullable(properties.users().get(login))
                .map(user -> properties.clients().get(user.party()));
    }

    /** The demo people, for the form the issuer signs them in with (passwords are published, like the demo secrets). */
    public InMemoryUserDetailsManager people() {
        List<org.springframework.security.core.userdetails.UserDetails> people = properties.users().entrySet().stream()
                .filter(entry -> properties.clients().containsKey(entry.getValue().party()))
                .map(entry -> User.withUsername(entry.getKey()).password("{noop}" + entry.getValue().password())
                        .roles("CONSOLE_USER").build())
                .toList();
        return new InMemoryUserDetailsManager(people);
    }
}
