package kz.reentry.hub.employment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Exchange E4, employment referrals (kz.reentry.hub.employment, docs/exchanges/e4.md).
 *
 * @param answerWorkingDays the employment centre owes its first answer this many working days after
 *                          the referral is put in the outbox (no law sets it: a configured deadline)
 * @param checkInterval     how often the hub looks for referrals whose day has come (a year before
 *                          release, and the release day)
 */
@ConfigurationProperties("hub.employment")
public record EmploymentProperties(Integer answerWorkingDays, Duration checkInterval) {

    public EmploymentProperties {
        answerWorkingDays = answerWorkingDays == null ? 10 : answerWorkingDays;
        checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
    }
}
