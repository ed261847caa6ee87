package kz.reentry.hub.employment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.security.AccessPolicy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The content of an E4 message, built from what the access table lets the employment centre see
 * (decree 912 item 9: nothing of the offence, court, sentence, term or release type reaches an
 * employer's side). Every candidate value is named by its schema coordinate (PlannedRelease.type);
 * a coordinate with a rule that hides it from the receiver's kind of party, or a rule that depends on
 * the object, is left out and only its name is listed under "withheld". The message and a GraphQL
 * read by the centre therefore cannot disagree: both ask the same table.
 */
@Component
class EmploymentMessages {

    /** The candidate content, by section: the schema type each section's values belong to. */
    private static final Map<String, String> SECTIONS = Map.of("person", "Person", "release", "PlannedRelease",
            "custody", "CustodyEpisode", "profile", "EmploymentProfile");

    private final AccessPolicy policy;
    private final JsonMapper json;

    EmploymentMessages(AccessPolicy policy, JsonMapper json) {
        this.policy = policy;
        this.json = json;
    }

    String payload(EmploymentMessageKind kind, EmploymentReferralRepository.Due due) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("referral", "E4 employment referral (decree 912 items 2, 25, 28)");
        content.put("message", kind.name());
        content.put("referralId", due.referralId());
        content.put("from", due.sender());
        List<String> withheld = new ArrayList<>();
        Map<String, Object> release = new LinkedHashMap<>(due.release());
        release.put("residenceRegion", due.residenceRegion());
        if (kind == EmploymentMessageKind.MEET_AT_GATE) {
            release.put("date", due.walksOut() == null ? null : due.walksOut().toString());
        }
        Map<String, Map<String, Object>> candidates = new LinkedHashMap<>();
        candidates.put("person", due.person());
        candidates.put("release", release);
        candidates.put("custody", due.custody());
        candidates.put("profile", due.profile());
        candidates.forEach((section, values) -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            values.forEach((field, value) -> {
                String coordinate = SECTIONS.get(section) + "." + field;
                if (visible(SECTIONS.get(section), field, due.centreKind())) {
                    if (value != null) {
                        seen.put(field, value);
                    }
                } else {
                    withheld.add(coordinate);
                }
            });
            if (!seen.isEmpty()) {
                content.put(section, seen);
            }
        });
        content.put("withheld", withheld.stream().sorted().toList());
        return json.writeValueAsString(content);
    }

    boolean visible(String type, String field, String partyKind) {
        return FieldsSeen.always(policy, type, field, partyKind);
    }
}
