package kz.reentry.hub.security;

import java.util.stream.Stream;

import kz.reentry.hub.graphiql.GraphiQlPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what over HTTP. Every API request carries a bearer JWT; the roles claim becomes
 * {@code ROLE_*} authorities, checked here for whole endpoints and on service methods for operations.
 * <p>
 * Each endpoint the hub serves is named here with its exact path; anything else is refused (deny by
 * default), so a spelling a matcher does not recognise (another letter case, a trailing slash) is
 * refused rather than let through to a servlet that may match more leniently (Camel's does). Paths
 * with encoded characters, dot segments or path parameters never get this far (edge.CanonicalPathFilter).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** Each bearer token's signature checked once (VerifiedTokens), whichever issuer signed it. */
    @Bean
    static BeanPostProcessor tokensVerifiedOnce() {
        return VerifiedTokens.everyDecoder();
    }


    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, RefusalLog journal,
                            @Value("${spring.graphql.http.path:/graphql}") String graphQlPath,
                            @Value("${spring.graphql.websocket.path}") String graphQlWebSocketPath,
                            @Value("${hub.graphiql.enabled:false}") boolean graphiQl) {
        var refusals = new RecordedRefusals(journal);
        if (graphiQl) {
            // GraphiQL (off in production): the page and each file it loads, to anyone; the queries it
            // sends carry the token typed into its headers. Before the rules below, which end in denyAll.
            String[] graphiQlPaths = Stream.concat(Stream.of(GraphiQlPage.PATH), GraphiQlPage.ASSETS.stream())
                    .toArray(String[]::new);
            http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, graphiQlPaths).permitAll());
        }
        http.authorizeHttpRequests(requests -> requests
                        // the status only (management.endpoint.health.show-components: never)
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        // counts and latencies, no person: for the ministry's monitoring (kz.reentry.hub.monitoring)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole("METRICS_READ")
                        // the container's error page: the failed request was already authorized or refused
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/intake/releases").hasRole("RELEASE_INTAKE")
                        // E3 in: the medical part of release preparation, from the penal system's medical service
                        .requestMatchers(HttpMethod.POST, "/intake/e3/medical-records").hasRole("RELEASE_INTAKE")
                        // E4: an employment centre's outcomes of employment referrals
                        .requestMatchers(HttpMethod.POST, "/intake/e4/outcomes").hasRole("REFERRAL_RECEIVE")
                        // E4: the labour ministry's vacancy feed, from its system or an employment centre's
                        // (the route also checks the party's kind: a health body has REFERRAL_RECEIVE too)
                        .requestMatchers(HttpMethod.POST, "/intake/e4/vacancies").hasRole("REFERRAL_RECEIVE")
                        // E9: the police of the destination report an arrival and registration (003 cl. 51)
                        .requestMatchers(HttpMethod.POST, "/intake/e9/arrivals").hasRole("PERSON_STATE_WRITE")
                        // E8: the sources' lists for the prosecutor's reconciliations (003 cl. 29, 49, 52)
                        .requestMatchers(HttpMethod.POST, "/intake/e8/statements").hasRole("RECONCILIATION_SUBMIT")
                        // E3: a health organisation's answers to treatment-continuity handoffs (FHIR messaging)
                        .requestMatchers(HttpMethod.POST, "/fhir/$process-message").hasRole("REFERRAL_RECEIVE")
                        // any method: the edge answers anything but a JSON POST with 405 or 415 itself
                        .requestMatchers(graphQlPath).authenticated()
                        .requestMatchers(HttpMethod.GET, graphQlWebSocketPath).authenticated()
                        .requestMatchers(HttpMethod.GET, "/disclosures/subject-access/*").hasRole("AUDIT_READ")
                        // E6: state social order reporting as CSV (indicator.NgoCaseReportExport)
                        .requestMatchers(HttpMethod.GET, "/reports/ngo-cases.csv").hasRole("INDICATORS_READ")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(refusals.entryPoint())
                        .accessDeniedHandler(refusals.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals.entryPoint())
                        .accessDeniedHandler(refusals.accessDeniedHandler()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens only, no cookies: there is no ambient credential for CSRF to ride on
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(HubClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
