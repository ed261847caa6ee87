package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The issuer's decoder is a stand-in here (it returns what it is given); TokenIT-style tests use real tokens. */
class VerifiedTokensTests {

    private final AtomicInteger verifications = new AtomicInteger();

    private JwtDecoder issuerReturning(Instant expiresAt) {
        return token -> {
            verifications.incrementAndGet();
            if (token.startsWith("forged")) {
                throw new BadJwtException("Signed JWT rejected: Invalid signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("ngo-demo")
                    .issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt).build();
        };
    }

    @Test
    @DisplayName("a token's signature is checked once; its later uses are answered from what was verified")
    void signatureOnce() {
        var tokens = new VerifiedTokens(issuerReturning(Instant.now().plusSeconds(600)));
        Jwt first = tokens.decode("token-a");
        assertThat(tokens.decode("token-a")).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("token-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    @DisplayName("a token that expired since it was verified is refused, as the issuer's decoder refuses it")
    void expiryCheckedOnEveryUse() {
        // verified while the stand-in did not look at the time; expired beyond the minute of clock skew
        var tokens = new VerifiedTokens(issuerReturning(Instant.now().minusSeconds(120)));
        tokens.decode("token-old");
        assertThatThrownBy(() -> tokens.decode("token-old")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at");
        // and it is not kept: the next use goes to the issuer's decoder again
        tokens.decode("token-old");
        assertThat(verifications).hasValue(2);
    }

    @Test
    @DisplayName("a token the issuer refuses is refused every time, never kept")
    void refusedNotKept() {
        var tokens = new VerifiedTokens(issuerReturning(Instant.now().plusSeconds(600)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }
}
