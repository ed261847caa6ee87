package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessPolicyTests {

    private static Map<String, Object> policy(List<Map<String, Object>> fields, Map<String, Object> referrals) {
        var document = new java.util.HashMap<String, Object>(Map.of("persons", Map.of("NGO", "ASSIGNED_TO_IT"), "fields", fields,
                "smallCells", Map.of("threshold", 5, "exactFor", List.of(), "fields", List.of())));
        if (referrals != null) {
            document.put("referrals", referrals);
        }
        return document;
    }

    @Test
    @DisplayName("two rules for one field stop the start, instead of one of them silently not applying")
    void twoRulesForOneField() {
        var rule = Map.<String, Object>of("field", "Person.states", "hiddenFrom", List.of("NGO"), "reason", "CRIMINAL_RECORD");
        var other = Map.<String, Object>of("field", "Person.states", "hiddenFrom", List.of("EMPLOYMENT_CENTRE"), "reason", "CRIMINAL_RECORD");

        assertThatThrownBy(() -> new AccessPolicy(policy(List.of(rule, other), null)))
                .hasMessageContaining("two rules for Person.states");
    }

    @Test
    @DisplayName("a kind in referrals.onlyOwnFor knows only the referrals it sent or receives; other kinds, and any kind without the section, all")
    void onlyOwnReferrals() {
        var policy = new AccessPolicy(policy(List.of(), Map.of("onlyOwnFor", List.of("NGO"))));
        var ngo = new HealthScope(false, "NGO-1", policy.seesOnlyOwnReferrals("NGO"));
        var akimat = new HealthScope(false, "KZ-MIO-75", policy.seesOnlyOwnReferrals("LOCAL_EXECUTIVE"));

        assertThat(ngo.knows(false, "KZ-MIO-75", "NGO-1")).isTrue();
        assertThat(ngo.knows(false, "KZ-MIO-75", "NGO-2")).isFalse();
        assertThat(ngo.knows(false, "KZ-MIO-75", "KZ-CZN-75")).isFalse();
        assertThat(akimat.knows(false, "KZ-SP-75", "KZ-CZN-75")).isTrue();
        assertThat(akimat.knows(true, "KZ-SP-75", "KZ-UZ-75")).as("a health referral of others").isFalse();
        assertThat(new AccessPolicy(policy(List.of(), null)).seesOnlyOwnReferrals("NGO")).isFalse();
    }
}
