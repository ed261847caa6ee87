package kz.reentry.hub.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Exchange E3, treatment-continuity handoffs (kz.reentry.hub.health).
 *
 * @param daysBeforeRelease  a HEALTH referral is handed over this many days before the person walks out
 *                           (the planned release, or the end of term); at once when less is left
 * @param acknowledgementDays the receiver owes its acknowledgement this many days after the handoff
 *                           is put in the outbox (no law sets it: a configured deadline)
 * @param checkInterval      how often the hub looks for referrals whose handoff day has come
 * @param daysBeforeReleaseByCondition days for a HEALTH referral of a condition category
 *                           ({@link ConditionCategory}) instead of daysBeforeRelease
 */
@ConfigurationProperties("hub.health")
public record HealthProperties(int daysBeforeRelease, int acknowledgementDays, Duration checkInterval,
                               Map<ConditionCategory, Integer> daysBeforeReleaseByCondition) {

    public HealthProperties {
        checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
        daysBeforeReleaseByCondition = daysBeforeReleaseByCondition == null ? Map.of()
                : Map.copyOf(daysBeforeReleaseByCondition);
    }

    /** By the category's name, as the graph keeps it on the referral. */
    Map<String, Integer> daysByConditionName() {
        Map<String, Integer> byName = new HashMap<>();
        daysBeforeReleaseByCondition.forEach((category, days) -> byName.put(category.name(), days));
        return byName;
    }
}
