package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class AccessTokenIT extends HubIntegrationTest {

    private static final String QUERY = "{\"query\":\"{ __typename }\"}";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Test
    @DisplayName("a demo client's token carries its agency, region and roles, and names the hub as its audience")
    void tokenClaims() throws Exception {
        var claims = SignedJWT.parse(tokenFor("akimat-demo")).getJWTClaimsSet();

        assertThat(claims.getStringClaim(HubClaims.AGENCY)).isEqualTo("KZ-MIO-75");
        assertThat(claims.getStringClaim(HubClaims.REGION)).isEqualTo("KZ-75");
        assertThat(claims.getStringListClaim(HubClaims.ROLES)).contains("PERSON_READ").doesNotContain("RELEASE_INTAKE");
        assertThat(claims.getIssuer()).isEqualTo("http://hub.test");
        assertThat(claims.getAudience()).containsExactly("reentry-hub");
    }

    @Test
    @DisplayName("a wrong client secret gets no token")
    void wrongSecret() {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        int status = http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("kuis-demo", "guess"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(401);
    }

    @Test
    @DisplayName("GraphQL and intake without a token are refused with 401")
    void noToken() {
        assertThat(graphQlStatus(null)).isEqualTo(401);
        int intake = http.post().uri("/intake/releases").contentType(MediaType.APPLICATION_JSON).body("{}")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(intake).isEqualTo(401);
    }

    @Test
    @DisplayName("a valid token of the hub's issuer is let through")
    void validToken() throws Exception {
        assertThat(graphQlStatus(signedByHub(claims().build()))).isEqualTo(200);
    }

    @Test
    @DisplayName("an expired token is refused with 401 even though the hub signed it, and the attempt is logged")
    void expired() throws Exception {
        var expired = claims().issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build();
        assertRefusedAndLogged(signedByHub(expired));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"probation-demo", "ngo-demo"})
    @DisplayName("a role that does not allow the intake is refused with 403 and the attempt is logged with the client")
    void forbiddenIsLogged(String clientId) {
        String endUser = DisclosureLog.uniqueEndUser("intake-without-role");
        int status = http.post().uri("/intake/releases").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(clientId))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body("{}")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(403);
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), java.util.Map.of(), endUser))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("client", clientId)
                        .containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: 403 /intake/releases"));
    }

    @Test
    @DisplayName("a token from another issuer is refused with 401 even with the hub's signature, and the attempt is logged")
    void wrongIssuer() throws Exception {
        assertRefusedAndLogged(signedByHub(claims().issuer("http://someone-else").build()));
    }

    @Test
    @DisplayName("a token the hub's issuer signed for another service (aud) is refused with 401, and the attempt is logged")
    void wrongAudience() throws Exception {
        assertRefusedAndLogged(signedByHub(claims().audience("kuis-central-db").build()));
    }

    @Test
    @DisplayName("a token without an audience is refused with 401, and the attempt is logged")
    void noAudience() throws Exception {
        assertRefusedAndLogged(signedByHub(claims().audience((String) null).build()));
    }

    @ParameterizedTest(name = "key id {0}")
    @ValueSource(strings = {"stranger", "the hub's"})
    @DisplayName("a token signed with a key the hub does not know is refused with 401, also when it names the hub's key id, and the attempt is logged")
    void wrongKey(String keyId) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keyPair = generator.generateKeyPair();
        String kid = keyId.equals("stranger") ? "stranger" : hubKey().getKeyID();
        var stranger = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate()).keyID(kid).build();
        assertRefusedAndLogged(sign(claims().build(), stranger));
    }

    @Test
    @DisplayName("an unsigned token (alg none) is refused with 401, and the attempt is logged")
    void unsigned() {
        assertRefusedAndLogged(new PlainJWT(claims().build()).serialize());
    }

    /** Refused with 401, and this very attempt (found by its end user) is a REFUSED entry of the log. */
    private void assertRefusedAndLogged(String token) {
        String endUser = DisclosureLog.uniqueEndUser("token-forger");
        assertThat(graphQlStatus(token, endUser)).isEqualTo(401);
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), java.util.Map.of("agency", "unknown"), endUser))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: 401 /graphql: InvalidBearerTokenException"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"probation-demo", "police-demo", "akimat-demo", "labour-demo", "health-demo",
            "prosecutor-demo", "ngo-demo", "ngo2-demo"})
    @DisplayName("only the penal system may post release records: every other party gets 403")
    void intakeOnlyForPenalSystem(String clientId) {
        var reply = postRelease(ReleaseRecords.validRelease(LocalDate.of(2030, 1, 1)).json(), tokenFor(clientId));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a client without the role for an operation gets FORBIDDEN")
    void roleRequired() {
        var reply = graphQl("labour-demo").documentName("deadLetters").executeSync();
        assertThat(reply.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }

    @ParameterizedTest(name = "region claim \"{0}\": sees an Almaty person {1}")
    @CsvSource({"KZ-75, true", "KZ, true", "75, false", "KZ-99, false", "kz, false", "BY, false", "' ', false"})
    @DisplayName("a probation token sees by its region claim: its region, or everything for its whole jurisdiction; a malformed or unknown claim sees nobody")
    void regionClaim(String region, boolean sees) throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2030, 2, 1)));
        String token = signedByHub(claims().claim(HubClaims.AGENCY, "KZ-SP-75").claim(HubClaims.REGION, region).build());

        var reply = graphQlWithToken(token).documentName("personCase").variable("id", person).executeSync();

        if (sees) {
            assertThat(reply.getErrors()).isEmpty();
            assertThat((Object) reply.field("personById.id").getValue()).isEqualTo(person);
        } else {
            assertThat(reply.getErrors()).singleElement()
                    .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND"));
        }
    }

    @Test
    @DisplayName("health is public and tells only the status, which includes the Neo4j connection's (no components)")
    void health() {
        String body = http.get().uri("/actuator/health").retrieve().body(String.class);
        // and the names of the probe groups a platform may ask (liveness, readiness); no component
        assertThat(body).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    private int graphQlStatus(String token) {
        return graphQlStatus(token, END_USER);
    }

    private int graphQlStatus(String token, String endUser) {
        return http.post().uri("/graphql")
                .headers(h -> {
                    if (token != null) {
                        h.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                    h.set("X-End-User", endUser);
                    h.set("X-Purpose", PURPOSE);
                })
                .contentType(MediaType.APPLICATION_JSON).body(QUERY)
                .exchange((request, response) -> response.getStatusCode().value());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("http://hub.test").subject("test-client").audience("reentry-hub")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim(HubClaims.AGENCY, "KZ-KUIS").claim(HubClaims.REGION, "KZ")
                .claim(HubClaims.ROLES, List.of("PERSON_READ"));
    }

    private String signedByHub(JWTClaimsSet claims) throws Exception {
        return sign(claims, hubKey());
    }

    private RSAKey hubKey() throws Exception {
        return (RSAKey) hubSigningKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).getFirst();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
