package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;

/**
 * E6: a case goes to an NGO only under an agreement (memorandum, contract or state social order,
 * decree 912 items 22, 27) in force on the day it is assigned and covering the territory the person
 * goes to: the region, or a district of it, the agreement {@code COVERS} (graph-model R__03). The
 * destination is {@link ReferralReceivers#DESTINATION_OF_P}'s.
 */
@Component
class NgoAgreements {

    private static final String AGREEMENTS = "MATCH (p:Person {id: $personId})\n" + ReferralReceivers.DESTINATION_OF_P + """
            CALL (destination) {
              OPTIONAL MATCH (:Ngo {code: $ngo})-[:PARTY_TO]->(a:Agreement)
              WHERE a.validFrom <= $on AND (a.validTo IS NULL OR a.validTo >= $on)
              RETURN collect(a.id) AS inForce,
                     collect(CASE WHEN EXISTS { (a)-[:COVERS]->(t) WHERE t = destination OR (destination)-[:PART_OF]->(t) }
                             THEN a.id END) AS covering,
                     [code IN collect([(a)-[:COVERS]->(t) | t.code]) WHERE code IS NOT NULL] AS covered
            }
            RETURN destination.code AS destination, inForce, covering,
                   reduce(all = [], codes IN covered | all + [c IN codes WHERE NOT c IN all]) AS covered
            """;

    private final Driver driver;

    NgoAgreements(Driver driver) {
        this.driver = driver;
    }

    /**
     * Refuses, naming the rule, unless an agreement of the NGO in force on the day covers where the
     * person goes; the person must be known to exist (checked by the caller within its rows).
     */
    void requireCovering(String ngo, String personId, LocalDate on) {
        var row = driver.executableQuery(AGREEMENTS).withParameters(Cypher.params("personId", personId, "ngo", ngo, "on", on))
                .withConfig(Cypher.READ).execute().records().getFirst();
        if (row.get("destination").isNull()) {
            throw new InvalidArgumentException("input.personId", "referral.destination", "the hub knows no destination "
                    + "for this person yet (no planned or recorded release), so no NGO agreement can be checked for it");
        }
        String destination = row.get("destination").asString();
        List<String> inForce = row.get("inForce").asList(v -> v.asString());
        if (inForce.isEmpty()) {
            throw new InvalidArgumentException("input.ngo", "ngo.agreement", "'" + ngo + "' has no memorandum, contract "
                    + "or state social order in force on " + on);
        }
        if (row.get("covering").asList(v -> v.asString()).isEmpty()) {
            List<String> covered = row.get("covered").asList(v -> v.asString());
            throw new InvalidArgumentException("input.ngo", "ngo.territory", "no agreement of '" + ngo + "' in force on "
                    + on + " covers " + destination + ", where the person goes (they cover "
                    + (covered.isEmpty() ? "no territory" : String.join(", ", covered)) + ")");
        }
    }
}
