package kz.reentry.hub.employment;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.referral.EmploymentProfile;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

/** What the GraphQL API shows of E4 on a referral: its employment profile and the centre's outcomes. */
@Repository
class EmploymentOutcomeRepository {

    private static final String PROFILES = """
            UNWIND $ids AS id
            MATCH (r:Referral {id: id, kind: 'EMPLOYMENT'})
            RETURN id, r.education AS education, r.qualifications AS qualifications,
                   r.preferredDistrict AS preferredDistrict, r.contactArrangements AS contactArrangements,
                   r.vacancyId AS vacancyId
            """;
    private static final String OUTCOMES = """
            UNWIND $ids AS id
            MATCH (o:EmploymentOutcome)-[:ABOUT]->(:Referral {id: id})
            RETURN id, o.messageId AS messageId, o.kind AS kind, o.employer AS employer, o.position AS position,
                   o.startDate AS startDate, o.reason AS reason, o.at AS at
            ORDER BY o.at DESC
            """;

    private final Driver driver;

    EmploymentOutcomeRepository(Driver driver) {
        this.driver = driver;
    }

    Map<String, EmploymentProfile> profiles(Collection<String> referralIds) {
        Map<String, EmploymentProfile> profiles = new HashMap<>();
        driver.executableQuery(PROFILES).withParameters(Map.of("ids", Set.copyOf(referralIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> profiles.put(r.get("id").asString(), new EmploymentProfile(
                        r.get("education").asString(null), r.get("qualifications").asList(v -> v.asString(), List.of()),
                        r.get("preferredDistrict").asString(null), r.get("contactArrangements").asString(null),
                        r.get("vacancyId").asString(null))));
        return profiles;
    }

    /** @param startDate null unless PLACED or TRAINING */
    record Outcome(String messageId, EmploymentOutcomeKind kind, String employer, String position, LocalDate startDate,
                   String reason, ZonedDateTime at) {
    }

    Map<String, List<Outcome>> outcomes(Collection<String> referralIds) {
        Map<String, List<Outcome>> outcomes = Batches.emptyLists(referralIds);
        driver.executableQuery(OUTCOMES).withParameters(Map.of("ids", Set.copyOf(referralIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> outcomes.get(r.get("id").asString()).add(new Outcome(
                        r.get("messageId").asString(), EmploymentOutcomeKind.valueOf(r.get("kind").asString()),
                        r.get("employer").asString(null), r.get("position").asString(null),
                        r.get("startDate").isNull() ? null : r.get("startDate").asLocalDate(), r.get("reason").asString(null),
                        r.get("at").asZonedDateTime())));
        return outcomes;
    }
}
