package kz.reentry.hub.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The operator console runs (ADR 0012) unless hub.console.enabled is false, and then: with the embedded
 * issuer, always; with an external identity provider (HUB_ISSUER_URI), only when the console's client at
 * that provider is configured (hub.console.client-id), since it has no way to sign anyone in otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnConsole.Condition.class)
@interface ConditionalOnConsole {

    String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    String CLIENT_ID = "hub.console.client-id";

    final class Condition extends SpringBootCondition {

        static boolean externalIssuer(org.springframework.core.env.Environment environment) {
            String issuer = environment.getProperty(ISSUER);
            return issuer != null && !issuer.isBlank();
        }

        static boolean clientConfigured(org.springframework.core.env.Environment environment) {
            String client = environment.getProperty(CLIENT_ID);
            return client != null && !client.isBlank();
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            if (!environment.getProperty("hub.console.enabled", Boolean.class, true)) {
                return ConditionOutcome.noMatch("hub.console.enabled is false");
            }
            if (!externalIssuer(environment)) {
                return ConditionOutcome.match("the embedded issuer signs the console's people in");
            }
            return clientConfigured(environment)
                    ? ConditionOutcome.match("the external issuer with the console's client " + environment.getProperty(CLIENT_ID))
                    : ConditionOutcome.noMatch("an external issuer and no " + CLIENT_ID);
        }
    }
}
