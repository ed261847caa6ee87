package kz.reentry.hub.employment;

import java.time.LocalDate;

/**
 * An open vacancy of the labour ministry's system, as its feed last sent it (E4; closed ones are
 * removed). Region and district are reference-data codes.
 *
 * @param qualificationLevel the lowest worker grade (разряд) or level asked, 1 to 8; null: none asked
 * @param acceptsCriminalRecord whether the employer takes people with a criminal record; null: not said
 */
public record Vacancy(String id, String employer, String position, String speciality, String occupationCode,
                      Integer qualificationLevel, String regionCode, String districtCode, Long salary, String currency,
                      String conditions, Boolean acceptsCriminalRecord, LocalDate openedOn) {
}
