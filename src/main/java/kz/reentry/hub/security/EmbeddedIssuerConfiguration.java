package kz.reentry.hub.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.ConditionalOnUnset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo authorization server of the embedded default (Spring Authorization Server): issues
 * access tokens by client credentials to the clients of {@code hub.security.embedded-issuer.clients},
 * signed with a key made at start-up (tokens do not outlive a restart). It is off as soon as
 * {@code HUB_ISSUER_URI} names the ministry's identity provider.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnUnset("spring.security.oauth2.resourceserver.jwt.issuer-uri")
class EmbeddedIssuerConfiguration {

    private static final String AGENCY_SETTING = "hub.agency";
    private static final String REGION_SETTING = "hub.region";
    private static final String ROLES_SETTING = "hub.roles";

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpoints(HttpSecurity http) {
        var authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                // OpenID Connect for the operator console's sign-in (ADR 0012); client credentials as before
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // a browser not yet signed in is sent to the sign-in form (console.ConsoleSecurity serves it)
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    ConsoleSignIn consoleSignIn(@Value("${hub.console.base-url:}") String baseUrl,
                                @Value("${hub.console.client-secret:}") String secret,
                                @Value("${hub.console.redirect-uris:}") List<String> otherRedirectUris,
                                Environment environment, EmbeddedIssuerProperties properties) {
        return new ConsoleSignIn(baseUrl, secret, otherRedirectUris, environment, properties);
    }

    @Bean
    RegisteredClientRepository demoClients(EmbeddedIssuerProperties properties, ConsoleSignIn console) {
        List<RegisteredClient> clients = properties.clients().entrySet().stream()
                .map(entry -> {
                    var client = entry.getValue();
                    return RegisteredClient.withId(UUID.nameUUIDFromBytes(entry.getKey().getBytes()).toString())
                            .clientId(entry.getKey())
                            // demo secrets are published in the README; production clients live in the ministry's IdP
                            .clientSecret("{noop}" + client.secret())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .clientSettings(ClientSettings.builder()
                                    .setting(AGENCY_SETTING, client.agency())
                                    .setting(REGION_SETTING, client.region())
                                    .setting(ROLES_SETTING, List.copyOf(client.roles()))
                                    .build())
                            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build())
                            .build();
                })
                .toList();
        return new WithConsole(new InMemoryRegisteredClientRepository(clients), console, properties.tokenTtl());
    }

    /**
     * The demo clients and the operator console: a confidential client of the authorization code grant
     * with PKCE required, whose redirection endpoint is registered exactly (it is known once the hub
     * listens, so the registration is made at first use). No consent screen: the console is the hub's own.
     */
    private static final class WithConsole implements RegisteredClientRepository {

        private final RegisteredClientRepository demoClients;
        private final ConsoleSignIn console;
        private final java.time.Duration tokenTtl;
        private volatile RegisteredClient registration;

        WithConsole(RegisteredClientRepository demoClients, ConsoleSignIn console, java.time.Duration tokenTtl) {
            this.demoClients = demoClients;
            this.console = console;
            this.tokenTtl = tokenTtl;
        }

        /** The issuer saves a client again when it re-encodes the client's secret after authenticating it. */
        @Override
        public void save(RegisteredClient registeredClient) {
            if (ConsoleSignIn.CLIENT_ID.equals(registeredClient.getClientId())) {
                registration = registeredClient;
            } else {
                demoClients.save(registeredClient);
            }
        }

        @Override
        public RegisteredClient findById(String id) {
            RegisteredClient consoleClient = console();
            return consoleClient.getId().equals(id) ? consoleClient : demoClients.findById(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return ConsoleSignIn.CLIENT_ID.equals(clientId) ? console() : demoClients.findByClientId(clientId);
        }

        private RegisteredClient console() {
            RegisteredClient current = registration;
            if (current == null) {
                current = RegisteredClient.withId(UUID.nameUUIDFromBytes(ConsoleSignIn.CLIENT_ID.getBytes()).toString())
                        .clientId(ConsoleSignIn.CLIENT_ID)
                        .clientSecret("{noop}" + console.clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri(console.redirectUri())
                        .redirectUris(uris -> uris.addAll(console.otherRedirectUris()))
                        .scope(OidcScopes.OPENID)
                        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                        .build();
                registration = current;
            }
            return current;
        }
    }

    /**
     * Puts the agency, region and roles of the client into every access token it gets, and the hub as
     * its audience (instead of the client's own id), as a ministry's identity provider would.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> hubClaims(@Value("${spring.security.oauth2.resourceserver.jwt.audiences}") List<String> audiences,
                                                        ConsoleSignIn console) {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                // the ID token names the person in the claim the access token does, so that a console
                // signing in here from another hub (hub.console.user-name-attribute) names the token's person
                context.getClaims().claim(ConsoleSignIn.END_USER_CLAIM, context.getPrincipal().getName());
                return;
            }
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                // a person signed in to the console: the claims of the party they act for, and who they are
                String person = context.getPrincipal().getName();
                var party = console.partyOf(person).orElseThrow(() -> new IllegalStateException("No demo party for " + person));
                context.getClaims()
                        .audience(audiences)
                        .claim(ConsoleSignIn.END_USER_CLAIM, person)
                        .claim(HubClaims.AGENCY, party.agency())
                        .claim(HubClaims.REGION, party.region())
                        .claim(HubClaims.ROLES, List.copyOf(party.roles()));
                return;
            }
            ClientSettings settings = context.getRegisteredClient().getClientSettings();
            context.getClaims()
                    .audience(audiences)
                    .claim(HubClaims.AGENCY, settings.<String>getSetting(AGENCY_SETTING))
                    .claim(HubClaims.REGION, settings.<String>getSetting(REGION_SETTING))
                    .claim(HubClaims.ROLES, settings.<List<String>>getSetting(ROLES_SETTING));
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(EmbeddedIssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        KeyPair keyPair = rsaKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /**
     * The hub checks its own issuer's tokens in process: signature by the key above, expiry, {@code iss},
     * and {@code aud}, which must name the hub (the same check Spring Boot applies to an external issuer's).
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys, EmbeddedIssuerProperties properties,
                          @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") List<String> audiences) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
        return decoder;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
