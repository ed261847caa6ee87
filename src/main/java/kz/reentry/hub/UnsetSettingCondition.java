package kz.reentry.hub;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class UnsetSettingCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String name = (String) metadata.getAnnotationAttributes(ConditionalOnUnset.class.getName()).get("value");
        String value = context.getEnvironment().getProperty(name);
        return (value == null || value.isBlank())
                ? ConditionOutcome.match(name + " is not set")
                : ConditionOutcome.noMatch(name + " is set");
    }
}
