package kz.reentry.hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a setting is absent or blank: the hub runs its embedded stand-ins (Neo4j, token
 * issuer) exactly when the operator has not pointed it at the real service.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(UnsetSettingCondition.class)
public @interface ConditionalOnUnset {

    /** The property or environment variable name, for example {@code NEO4J_URI}. */
    String value();
}
