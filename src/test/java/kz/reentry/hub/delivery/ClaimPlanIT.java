package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.Plan;

/**
 * A claim reads the due messages of the recipients it claims for, not every message due for anyone:
 * a receiver that is down for a day leaves thousands due, and every commit that queues a message wakes
 * a claim. One claim serves several receivers at once, each taking no more than its free calls.
 */
class ClaimPlanIT extends HubIntegrationTest {

    @Test
    @DisplayName("a claim seeks each recipient's due messages in the (status, recipient, nextAttemptAt) index, in order")
    void claimSeeksTheRecipientsDueMessages() {
        List<String> steps = new ArrayList<>();
        try (var session = driver.session()) {
            collect(session.run(explain(Outbox.claimStatement()), Outbox.claimParameters(
                    List.of(new Outbox.ClaimBatch(List.of("KZ-MIO-75", "KZ-MIO-71"), 4),
                            new Outbox.ClaimBatch(List.of("KZ-OVD-75"), 2)),
                    ZonedDateTime.now(), ZonedDateTime.now(), new Outbox.Claimant("plan", "plan"))).consume().plan(), steps);
        }
        assertThat(steps).as("plan of the claim")
                .anyMatch(step -> step.startsWith("NodeIndexSeek")
                        && step.contains("OutboundMessage(status, recipient, nextAttemptAt)"))
                .noneMatch(step -> step.contains("OutboundMessage(status, nextAttemptAt)"))
                .noneMatch(step -> step.startsWith("NodeByLabelScan") || step.startsWith("AllNodesScan"));
    }

    @Test
    @DisplayName("one claim for two receivers takes each one's oldest due messages, no more than its free calls, and leaves the rest due")
    void oneClaimTakesEachReceiversShare() {
        // due only at a "now" a century ahead, so this hub's own dispatcher never sees them
        ZonedDateTime later = ZonedDateTime.now().plusYears(100);
        String run = "claim-" + System.nanoTime();
        try (var session = driver.session()) {
            session.run("""
                    UNWIND range(1, 9) AS k
                    CREATE (:OutboundMessage {id: $run + '-' + k, exchange: 'E1', status: 'PENDING', attempts: 0,
                            recipient: $run + CASE WHEN k <= 3 THEN '-A1' WHEN k <= 6 THEN '-A2' ELSE '-B' END,
                            createdAt: $later, nextAttemptAt: $later - duration({minutes: k})})
                    """, Map.of("run", run, "later", later)).consume();
            var taken = session.run(Outbox.claimStatement(), Outbox.claimParameters(
                    List.of(new Outbox.ClaimBatch(List.of(run + "-A1", run + "-A2"), 4),
                            new Outbox.ClaimBatch(List.of(run + "-B"), 2)),
                    later, later.plusMinutes(10), new Outbox.Claimant("plan", run))).list(r -> r.get("id").asString());
            // A1 and A2 share one receiver's 4 calls: the four oldest of their six (k = 6, 5, 4, 3); B has 2 calls for 3
            assertThat(taken).containsExactlyInAnyOrder(run + "-6", run + "-5", run + "-4", run + "-3", run + "-9", run + "-8");
            assertThat(session.run("MATCH (m:OutboundMessage) WHERE m.id STARTS WITH $run AND m.claimRun IS NULL "
                    + "RETURN collect(m.id) AS left", Map.of("run", run)).single().get("left").asList())
                    .containsExactlyInAnyOrder(run + "-1", run + "-2", run + "-7");
            session.run("MATCH (m:OutboundMessage) WHERE m.id STARTS WITH $run DETACH DELETE m", Map.of("run", run)).consume();
        }
    }

    /** EXPLAIN after the statement's query options, which must come first. */
    private static String explain(String statement) {
        return statement.replaceFirst("^(CYPHER [^\\n]*\\n)?", "$1EXPLAIN ");
    }

    private static void collect(Plan plan, List<String> steps) {
        steps.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> collect(child, steps));
    }
}
