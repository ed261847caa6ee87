package kz.reentry.hub.release;

/**
 * The day a person walks out, in Cypher, for the exchanges that act before or on it (E3, E4): the
 * recorded release, else the latest planned release, else the end of the latest term.
 */
public final class WalksOut {

    /** Expects {@code p}; yields {@code walksOut} (null when the hub knows none) and {@code released} (a release was recorded). */
    public static final String OF_P = """
            CALL (p) {
              OPTIONAL MATCH (p)-[:WAS]->(recorded:PersonState {kind: 'RELEASED'})
              WITH recorded ORDER BY recorded.from DESC LIMIT 1
              RETURN recorded.from AS releasedOn
            }
            CALL (p) {
              OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)
              OPTIONAL MATCH (e)-[:ENDS_WITH]->(planned:PlannedRelease)
              WITH e, planned ORDER BY e.termStart DESC LIMIT 1
              RETURN coalesce(planned.date, e.termEnd) AS plannedOn
            }
            WITH *, coalesce(releasedOn, plannedOn) AS walksOut, releasedOn IS NOT NULL AS released
            """;

    private WalksOut() {
    }
}
