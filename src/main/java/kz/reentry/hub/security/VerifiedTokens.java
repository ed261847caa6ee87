package kz.reentry.hub.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks a token's signature once, not on every request that carries it: a client sends the same token
 * until it expires, and the RSA check was 6-8 % of the hub's CPU per read. The first use goes through
 * the issuer's decoder (signature, expiry, issuer, audience); later uses of the very same text check
 * again only what can change while the text does not: its expiry and not-before, with the decoder's
 * clock skew. A verified token is kept at most {@link #KEPT} (the time Spring's decoder keeps an
 * issuer's key set): a key withdrawn from the issuer stops its tokens no later than it would have
 * without this cache.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration KEPT = Duration.ofMinutes(5);
    private static final long HELD = 10_000;

    private final JwtDecoder issuers;
    private final OAuth2TokenValidator<Jwt> stillValid = new JwtTimestampValidator();
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(HELD).expireAfterWrite(KEPT).build();

    VerifiedTokens(JwtDecoder issuers) {
        this.issuers = issuers;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = issuers.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = stillValid.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            // worded as the issuer's decoder words it, so a caller sees the same answer either way
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }

    /** Every decoder of bearer tokens the hub has (its own issuer's, or the ministry's), checked once per token. */
    static BeanPostProcessor everyDecoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder) : bean;
            }
        };
    }
}
