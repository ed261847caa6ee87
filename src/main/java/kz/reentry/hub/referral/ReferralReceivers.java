package kz.reentry.hub.referral;

import java.util.Map;
import java.util.Optional;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * Who takes over a referral at the person's destination, from reference data rather than code
 * (graph-model/migrations/R__03, R__05): for a HEALTH referral, the health organisation that serves
 * the destination region and takes over the condition category, or the region's health department
 * (primary care) for a category no specialised organisation takes or for none; for an EMPLOYMENT
 * referral, the employment centre of the destination region.
 */
@Component
public class ReferralReceivers {

    /**
     * The region a person goes to: where the latest recorded release sent them, else the chosen
     * residence of their latest planned release. Expects {@code p}; yields {@code destination}
     * (null when the hub knows neither).
     */
    public static final String DESTINATION_OF_P = """
            CALL (p) {
              OPTIONAL MATCH (p)-[:WAS]->(released:PersonState {kind: 'RELEASED'})-[:IN_REGION]->(region:Region)
              WITH released, region ORDER BY released.from DESC, released.receivedAt DESC LIMIT 1
              RETURN region AS releasedTo
            }
            CALL (p) {
              OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)-[:ENDS_WITH]->(:PlannedRelease)-[:RESIDENCE_IN]->(region:Region)
              WITH e, region ORDER BY e.termStart DESC LIMIT 1
              RETURN region AS plannedFor
            }
            WITH *, coalesce(releasedTo, plannedFor) AS destination
            """;

    /** Expects {@code destination} and {@code category}; yields {@code takesOver}, the receiving health party. */
    public static final String HEALTH_RECEIVER_AT_DESTINATION = """
            CALL (destination, category) {
              OPTIONAL MATCH (org:Party {kind: 'HEALTH'})-[:SERVES]->(destination)
              WHERE (category IS NOT NULL AND category IN org.takesOver) OR org.primaryCare
              WITH org ORDER BY CASE WHEN category IN org.takesOver AND NOT coalesce(org.primaryCare, false) THEN 0
                                     WHEN category IN org.takesOver THEN 1 ELSE 2 END, org.code
              LIMIT 1
              RETURN org AS takesOver
            }
            """;

    /**
     * The employment centre serving the destination region (the hub knows the region a person goes to,
     * not the district: a district centre would be a guess).
     */
    private static final String EMPLOYMENT_RECEIVER = "MATCH (p:Person {id: $personId})\n" + DESTINATION_OF_P + """
            CALL (destination) {
              OPTIONAL MATCH (centre:Party {kind: 'EMPLOYMENT_CENTRE'})-[:SERVES]->(destination)
              WITH centre ORDER BY centre.code LIMIT 1
              RETURN centre
            }
            RETURN destination.code AS destination, centre.code AS receiver
            """;
    private static final String HEALTH_RECEIVER = "MATCH (p:Person {id: $personId})\n" + DESTINATION_OF_P
            + "WITH *, $category AS category\n" + HEALTH_RECEIVER_AT_DESTINATION + "RETURN destination.code AS destination, takesOver.code AS receiver";

    private final Driver driver;

    ReferralReceivers(Driver driver) {
        this.driver = driver;
    }

    /** @param destination the region the person goes to; receiver null when no health party serves it */
    public record Choice(String destination, String receiver) {
    }

    /** Empty when the hub knows neither where the person goes nor the person. */
    public Optional<Choice> forHealth(String personId, String category) {
        return choose(HEALTH_RECEIVER, Cypher.params("personId", personId, "category", category));
    }

    /** The employment centre of the person's destination (E4); empty when the hub knows no destination. */
    public Optional<Choice> forEmployment(String personId) {
        return choose(EMPLOYMENT_RECEIVER, Cypher.params("personId", personId));
    }

    private Optional<Choice> choose(String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream()
                .filter(r -> !r.get("destination").isNull())
                .map(r -> new Choice(r.get("destination").asString(), r.get("receiver").asString(null)))
                .findFirst();
    }
}
