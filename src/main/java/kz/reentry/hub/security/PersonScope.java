package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The persons a caller may see (rows already resolved for its token by {@link CallerScopes}), as a Cypher condition on a person variable, so that every query
 * filters rows in the database (after its index seek) and pages, counts and cursors never see the rest.
 * Every row rule holds within the caller's jurisdiction only ({@code Person.jurisdiction}, that of the body
 * that holds the person): a Belarus body never sees a Kazakh person, whatever its rows, and the reverse.
 *
 * @param jurisdiction the jurisdiction of the caller's party (null: an unknown party, which sees nobody)
 * @param home         whether that is the jurisdiction the hub answers to (hub.jurisdiction): rows no party of a
 *                     jurisdiction placed (an edge refusal without a token, a dead letter of an unknown sender)
 *                     are its
 */
public record PersonScope(PersonRows rows, String agency, String region, String jurisdiction, boolean home) {

    /** Used where no caller is known: fail closed. */
    public static final PersonScope NOBODY = new PersonScope(PersonRows.NONE, null, null, null, false);

    public PersonScope {
        if (jurisdiction == null) {
            rows = PersonRows.NONE;
        }
    }

    /**
     * A condition on a party code (the sender of a dead letter, the agency of a log entry), for rows that
     * cannot be placed on a person: true when the party is of the caller's jurisdiction, or is no known
     * party and the caller is of the hub's own. AND it with {@link #seesAll()}.
     */
    public static String placedBy(String partyCode) {
        return "(EXISTS { MATCH (placer:Party {code: " + partyCode + "}) WHERE placer.jurisdiction = $scopeJurisdiction }"
                + " OR ($scopeHome AND NOT EXISTS { MATCH (placer:Party) WHERE placer.code = " + partyCode + " }))";
    }

    /**
     * A condition on {@code person}, to AND into a WHERE clause; its parameters come from {@link #parameters()}.
     * Repositories reach it only through {@link ScopedRead}.
     */
    String condition(String person) {
        if (rows == PersonRows.NONE) {
            return "false";
        }
        String ofJurisdiction = person + ".jurisdiction = $scopeJurisdiction";
        if (rows == PersonRows.ALL) {
            return "(" + ofJurisdiction + ")";
        }
        return "(" + ofJurisdiction + " AND (" + person + ".registeredBy = $scopeAgency OR " + rowsCondition(rows, person) + "))";
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

    /**
     * Whether the caller sees every person of its jurisdiction. Rows that cannot be placed on a person
     * (dead letters, rejected messages, log entries about nobody) are for such a caller only, and only
     * those {@link #placedBy} a party of its jurisdiction.
     */
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
        return Map.of("scopeRegion", region == null ? "" : region, "scopeAgency", agency == null ? "" : agency,
                "scopeJurisdiction", jurisdiction == null ? "" : jurisdiction, "scopeHome", home);
    }

    private static String plannedInto(String person) {
        return "EXISTS { (" + person + ")-[:SERVED]->(:CustodyEpisode)-[:ENDS_WITH]->(:PlannedRelease)"
                + "-[:RESIDENCE_IN]->(:Region {code: $scopeRegion}) }";
    }
}
