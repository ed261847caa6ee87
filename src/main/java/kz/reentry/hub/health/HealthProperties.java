package kz.reentry.hub.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Exchange E3, treatment-continuity handoffs (kz.reentry.hub.health).
 *
 * @param daysBeforeRelease  a HEALTH referral is handed over this many days before the person walks out
 *                           (the planned release, or the end of term); at once when less is left
 * @param acknowledgementDays the receiver owes its acknowledgement this many days after the handoff
 *                           is put in the outbox (no law sets it: a configured deadline)
 * @param checkInterval      how often the hub looks for referrals whose handoff day has come
 */
@ConfigurationProperties("hub.health")
public record HealthProperties(int daysBeforeRelease, int acknowledgementDays, Duration checkInterval) {

    public HealthProperties {
        checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
    }
}
