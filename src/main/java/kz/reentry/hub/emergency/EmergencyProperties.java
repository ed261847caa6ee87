package kz.reentry.hub.emergency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * E7, emergencies in institutions (instruction No. 7; 003 cl. 4 (4), 17, 23).
 *
 * @param specialMessageHours the special message reaches the General Prosecutor's department within this
 *                            many hours of the report's receipt (cl. 4 (4) and 17: 3 hours), in hours of real
 *                            time: the clock does not stop at night, on a weekend or on a holiday
 * @param phoneAlertHours     the telephone alert to the department's zonal officer within this many hours
 *                            (cl. 23: "immediately (within an hour)")
 * @param maxTextLength       the longest place, circumstances or note accepted
 */
@ConfigurationProperties("hub.emergency")
public record EmergencyProperties(Integer specialMessageHours, Integer phoneAlertHours, Integer maxTextLength) {

    public EmergencyProperties {
        specialMessageHours = specialMessageHours == null ? 3 : specialMessageHours;
        phoneAlertHours = phoneAlertHours == null ? 1 : phoneAlertHours;
        maxTextLength = maxTextLength == null ? 8000 : maxTextLength;
    }
}
