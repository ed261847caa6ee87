package kz.reentry.hub.referral;

import java.util.List;

/**
 * What an EMPLOYMENT referral tells the employment centre about the person's work (E4, decree 912
 * items 2, 25, 28), as its sender wrote it: kept on the referral, sent with it.
 */
public record EmploymentProfile(String education, List<String> qualifications, String preferredDistrict,
                                String contactArrangements) {

    public EmploymentProfile {
        qualifications = qualifications == null ? List.of() : List.copyOf(qualifications);
    }
}
