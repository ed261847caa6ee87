package kz.reentry.hub.console;

import java.time.Duration;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import kz.reentry.hub.security.ConsoleSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in to the operator console (ADR 0012): OpenID Connect, authorization code with PKCE, against the
 * embedded issuer, whose sign-in form for the demo people is served here too; or, when the hub trusts the
 * ministry's identity provider (HUB_ISSUER_URI), against that provider, as the confidential client
 * hub.console.client-id (with hub.console.client-secret), its endpoints taken from the provider's discovery
 * document. The provider's sign-in form is its own; this hub then serves no /login. A chain of its own, with a
 * session, for exactly the console's paths; the API's chain (security.SecurityConfiguration) stays
 * stateless with bearer tokens, so the session cookie opens nothing there. The access token is kept in the
 * session on the server; the browser holds the session cookie only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnConsole
class ConsoleSecurity {

    static final String REGISTRATION = ConsoleSignIn.CLIENT_ID;

    /** Scripts, frames, plug-ins, other origins: nothing. The pages are HTML and one style sheet. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain console(HttpSecurity http, ObjectProvider<ConsoleSignIn> embeddedIssuer,
                                ClientRegistrationRepository registrations,
                                OAuth2AuthorizedClientRepository authorizedClients) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        ConsoleSignIn signIn = embeddedIssuer.getIfAvailable();
        String policy = CONTENT_SECURITY_POLICY;
        if (signIn != null) {
            // the sign-in form's answer redirects (through the authorization endpoint) to the console that
            // asked, and a browser holds that redirect to form-action too: other hubs' consoles signing in
            // here (hub.console.redirect-uris) are allowed as its targets, nothing else
            String others = signIn.otherRedirectUris().stream().map(ConsoleSecurity::origin).distinct()
                    .reduce("", (all, origin) -> all + " " + origin);
            policy = policy.replace("form-action 'self'", "form-action 'self'" + others);
            http.securityMatcher("/console", "/console/**", "/login", "/logout",
                            "/oauth2/authorization/" + REGISTRATION, "/login/oauth2/code/" + REGISTRATION)
                    .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/login").permitAll())
                    // the issuer's sign-in form: the demo people; afterwards back to the authorization request
                    .formLogin(form -> form.loginPage("/login").permitAll())
                    .userDetailsService(signIn.people())
                    .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"));
        } else {
            // the ministry's provider signs people in on its own pages; signed out, the console sends them there
            http.securityMatcher("/console", "/console/**", "/logout",
                            "/oauth2/authorization/" + REGISTRATION, "/login/oauth2/code/" + REGISTRATION)
                    .logout(logout -> logout.logoutSuccessUrl("/console"));
        }
        String contentSecurityPolicy = policy;
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/console/console.css").permitAll()
                        // only a person signed in by OpenID Connect, whose token the console holds; the
                        // issuer's own form sign-in (a step of that flow) opens no page
                        .requestMatchers("/console", "/console/**").access((authentication, context) ->
                                new AuthorizationDecision(authentication.get() instanceof OAuth2AuthenticationToken))
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                        .authorizedClientRepository(authorizedClients)
                        .defaultSuccessUrl("/console", true))
                .oauth2Client(client -> client.authorizedClientRepository(authorizedClients))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION)))
                .logout(logout -> logout.logoutUrl("/logout").invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                // CSRF stays on (Spring's default): every form carries the session's token
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** scheme://host[:port] of an address, as CSP names a source. */
    private static String origin(String uri) {
        var parsed = java.net.URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
    }

    /**
     * The console's session (the only one the hub keeps) ends after this long idle (hub.console.session-timeout,
     * 30 minutes). Set on each new session in seconds: server.servlet.session.timeout counts whole minutes only.
     */
    @Bean
    HttpSessionListener consoleSessionTimeout(@Value("${hub.console.session-timeout:30m}") Duration idle) {
        int seconds = (int) Math.max(1, idle.toSeconds());
        return new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent event) {
                event.getSession().setMaxInactiveInterval(seconds);
            }
        };
    }

    /** The console's access tokens live in the HTTP session (on the server) and end with it. */
    @Bean
    OAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * The console's OpenID provider. The embedded issuer: the browser is sent to the authorization endpoint
     * where it opens the console; the code is exchanged and the keys fetched on the loopback interface.
     * The ministry's provider (HUB_ISSUER_URI): everything from its discovery document, which must name
     * the same issuer; the person is named by the ID token's claim hub.console.user-name-attribute
     * (end_user by default, the claim the access token names them in, so the X-End-User the console sends
     * is the token's person). Made at first use: the hub's own address is known once it listens, and a
     * provider not reachable at start delays only the first sign-in.
     */
    @Bean
    ClientRegistrationRepository consoleClientRegistrations(ObjectProvider<ConsoleSignIn> embeddedIssuer, Environment environment,
                                                            @Value("${hub.console.client-id:}") String clientId,
                                                            @Value("${hub.console.client-secret:}") String clientSecret,
                                                            @Value("${hub.console.base-url:}") String baseUrl,
                                                            @Value("${hub.console.user-name-attribute:" + ConsoleSignIn.END_USER_CLAIM + "}") String userName) {
        ConsoleSignIn signIn = embeddedIssuer.getIfAvailable();
        if (signIn == null) {
            String issuer = environment.getRequiredProperty(ConditionalOnConsole.ISSUER);
            String redirect = (baseUrl.isBlank() ? "{baseUrl}" : baseUrl.replaceAll("/+$", ""))
                    + "/login/oauth2/code/{registrationId}";
            return new SupplierClientRegistrationRepository(() -> new InMemoryClientRegistrationRepository(
                    ClientRegistrations.fromIssuerLocation(issuer)
                            .registrationId(REGISTRATION)
                            .clientId(clientId)
                            .clientSecret(clientSecret)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(redirect)
                            .scope(OidcScopes.OPENID)
                            .userNameAttributeName(userName)
                            // the person is the ID token's: the user info endpoint answers for the scopes
                            // asked (openid: the subject only), and a second source could name someone else
                            .userInfoUri(null)
                            .build()));
        }
        return new SupplierClientRegistrationRepository(() -> new InMemoryClientRegistrationRepository(
                ClientRegistration.withRegistrationId(REGISTRATION)
                        .clientId(ConsoleSignIn.CLIENT_ID)
                        .clientSecret(signIn.clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri(signIn.redirectUri())
                        .scope(OidcScopes.OPENID)
                        .authorizationUri(signIn.baseUrl() + "/oauth2/authorize")
                        .tokenUri(signIn.loopbackUrl() + "/oauth2/token")
                        .jwkSetUri(signIn.loopbackUrl() + "/oauth2/jwks")
                        .issuerUri(signIn.issuer())
                        .userNameAttributeName(IdTokenClaimNames.SUB)
                        .build()));
    }
}
