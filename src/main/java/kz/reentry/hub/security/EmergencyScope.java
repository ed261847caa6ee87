package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The emergencies (E7) a caller may see, resolved for its token by {@link CallerScopes} from
 * access-policy.yaml's {@code emergencies}: all of them, those of institutions in its region (and those
 * it reported itself), or none. A Cypher condition on an emergency variable, spliced only through
 * {@link ScopedRead}'s {@code {emergencies of e}}, so that lists, lookups by id and overdue duties filter
 * in the database and a hidden emergency looks exactly like one that does not exist.
 */
public record EmergencyScope(Rows rows, String agency, String region) {

    /** Which emergencies a party of a kind sees (access-policy.yaml, "emergencies"). */
    public enum Rows {
        ALL, REGION, NONE
    }

    /** Used where no caller is known: fail closed. */
    public static final EmergencyScope NOBODY = new EmergencyScope(Rows.NONE, null, null);

    String condition(String emergency) {
        return switch (rows) {
            case ALL -> "true";
            case NONE -> "false";
            case REGION -> "(" + emergency + ".reportedBy = $emergencyScopeAgency OR EXISTS { (" + emergency
                    + ")-[:IN_REGION]->(:Region {code: $emergencyScopeRegion}) })";
        };
    }

    /** Whether the caller may see any emergency at all (its kind is named in the policy). */
    public boolean seesAny() {
        return rows != Rows.NONE;
    }

    /** Whether the caller sees the emergencies of institutions in this region. */
    public boolean covers(String regionCode) {
        return rows == Rows.ALL || rows == Rows.REGION && region != null && region.equals(regionCode);
    }

    public Map<String, Object> parameters() {
        var parameters = new HashMap<String, Object>();
        parameters.put("emergencyScopeAgency", agency == null ? "" : agency);
        parameters.put("emergencyScopeRegion", region == null ? "" : region);
        return parameters;
    }
}
