package kz.reentry.hub.referral;

import java.util.List;

/**
 * What an EMPLOYMENT referral tells the employment centre about the person's work (E4, decree 912
 * items 2, 25, 28), as its sender wrote it: kept on the referral, sent with it.
 *
 * @param vacancyId a vacancy of the labour ministry's feed the person is referred for (open when named)
 */
public record EmploymentProfile(String education, List<String> qualifications, String preferredDistrict,
                                String contactArrangements, String vacancyId) {

    public EmploymentProfile {
        qualifications = qualifications == null ? List.of() : List.copyOf(qualifications);
    }
}
