package kz.reentry.hub.security;

import java.util.List;

/**
 * A field some parties may not see (schema/access-policy.yaml, "fields").
 *
 * @param when       the name of a condition on the object that limits the rule, or null for every object
 * @param hiddenFrom party kinds that never see it
 * @param onlyFor    if not empty, the only party kinds that see it
 * @param reason     the machine-readable reason given with the null
 */
public record FieldRule(String type, String field, String when, List<String> hiddenFrom, List<String> onlyFor,
                        String reason) {

    /** A caller whose party kind is unknown sees no field that has a rule. */
    public boolean hidesFrom(String partyKind) {
        return partyKind == null || hiddenFrom.contains(partyKind) || (!onlyFor.isEmpty() && !onlyFor.contains(partyKind));
    }
}
