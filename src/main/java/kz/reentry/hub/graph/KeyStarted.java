package kz.reentry.hub.graph;

/**
 * A statement that starts from a unique key (or the index it names in a hint), as sent for one set of
 * parameters and for many ({@link Cypher#perRow}), both keeping their first plan
 * ({@link Cypher#keepingPlan}): no statistic can give such a statement a better start, and a replan
 * (hundreds of milliseconds on a busy machine) would hold up the record or message it was sent for.
 * KeptPlansIT checks where each one starts.
 *
 * @param alone  for one set of parameters
 * @param perRow for each row of {@code $rows}
 */
public record KeyStarted(String alone, String perRow) {

    // keepingPlan wraps the whole per-row statement: the query option must come first
    public static KeyStarted of(String statement) {
        return new KeyStarted(Cypher.keepingPlan(statement), Cypher.keepingPlan(Cypher.perRow(statement)));
    }
}
