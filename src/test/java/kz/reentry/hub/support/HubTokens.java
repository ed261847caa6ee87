package kz.reentry.hub.support;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import kz.reentry.hub.security.HubClaims;

/**
 * Access tokens signed with the embedded issuer's own key, as its token endpoint would issue them, for
 * a client the demo configuration does not have: a client id nobody else uses (so a test finds the
 * disclosure entries of its own requests even without X-End-User), or the party a test made itself.
 */
public final class HubTokens {

    private final JWKSource<SecurityContext> hubSigningKeys;

    public HubTokens(JWKSource<SecurityContext> hubSigningKeys) {
        this.hubSigningKeys = hubSigningKeys;
    }

    /** A valid token (issuer http://hub.test, audience reentry-hub, five minutes) for this client, agency, region and roles. */
    public String issue(String client, String agency, String region, List<String> roles) {
        var claims = new JWTClaimsSet.Builder().issuer("http://hub.test").subject(client).audience("reentry-hub")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim(HubClaims.AGENCY, agency).claim(HubClaims.REGION, region).claim(HubClaims.ROLES, roles)
                .build();
        try {
            RSAKey key = (RSAKey) hubSigningKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).getFirst();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token with the hub's key", e);
        }
    }
}
