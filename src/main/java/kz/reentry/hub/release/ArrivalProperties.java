package kz.reentry.hub.release;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * E9, arrival after release (instruction No. 7; 003 cl. 51 (3), (9), (10)).
 *
 * @param confirmationDays the police of the destination owe the confirmation of a parolee's arrival and
 *                         registration this many days after the release (the law leaves the day to the
 *                         release papers: a configured deadline)
 */
@ConfigurationProperties("hub.arrival")
public record ArrivalProperties(Integer confirmationDays) {

    public ArrivalProperties {
        confirmationDays = confirmationDays == null ? 10 : confirmationDays;
    }
}
