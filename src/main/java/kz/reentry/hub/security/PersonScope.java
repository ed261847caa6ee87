package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The persons a caller may see (rows already resolved for its token by {@link CallerScopes}), as a Cypher condition on a person variable, so that every query
 * filters rows in the database (after its index seek) and pages, counts and cursors never see the rest.
 */
public record PersonScope(PersonRows rows, String agency, String region) {

    /** Used where no caller is known: fail closed. */
    public static final PersonScope NOBODY = new PersonScope(PersonRows.NONE, null, null);

    /**
     * A condition on {@code person}, to AND into a WHERE clause; its parameters come from {@link #parameters()}.
     * Repositories reach it only through {@link ScopedRead}.
     */
    String condition(String person) {
        if (rows == PersonRows.ALL || rows == PersonRows.NONE) {
            return rows == PersonRows.ALL ? "true" : "false";
        }
        return "(" + person + ".registeredBy = $scopeAgency OR " + rowsCondition(rows, person) + ")";
    }

    private static String rowsCondition(PersonRows rows, String person) {
        return switch (rows) {
            case ALL -> "true";
            case NONE -> "false";
            case REGION -> "(EXISTS { (" + person + ")-[:WAS]->(:PersonState)-[:IN_REGION]->(:Region {code: $scopeRegion}) }"
                    + " OR " + plannedInto(person) + ")";
            case RELEASED_INTO_TERRITORY -> "(EXISTS { (" + person + ")-[:WAS]->(:PersonState {kind: 'RELEASED'})"
                    + "-[:IN_REGION]->(:Region {code: $scopeRegion}) } OR " + plannedInto(person) + ")";
            case REFERRED_TO_IT -> "EXISTS { (" + person + ")-[:REFERRED]->(:Referral)-[:TO]->(:Party {code: $scopeAgency}) }";
            case ASSIGNED_TO_IT -> "EXISTS { (" + person + ")-[:REFERRED]->(assignment:Referral {kind: 'NGO_CASE'})"
                    + "-[:TO]->(:Party {code: $scopeAgency}) WHERE NOT assignment.status IN ['REJECTED', 'CANCELLED', 'HANDED_BACK'] }";
        };
    }

    /** Whether the caller sees every person (no condition at all). */
    public boolean seesAll() {
        return rows == PersonRows.ALL;
    }

    /** The query's own parameters with the scope's added. */
    public Map<String, Object> addedTo(Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.putAll(parameters());
        return all;
    }

    public Map<String, Object> parameters() {
        return Map.of("scopeRegion", region == null ? "" : region, "scopeAgency", agency == null ? "" : agency);
    }

    private static String plannedInto(String person) {
        return "EXISTS { (" + person + ")-[:SERVED]->(:CustodyEpisode)-[:ENDS_WITH]->(:PlannedRelease)"
                + "-[:RESIDENCE_IN]->(:Region {code: $scopeRegion}) }";
    }
}
