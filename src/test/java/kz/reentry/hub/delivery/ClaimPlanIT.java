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
 * a claim.
 */
class ClaimPlanIT extends HubIntegrationTest {

    @Test
    @DisplayName("a claim seeks each recipient's due messages in the (status, recipient, nextAttemptAt) index, in order")
    void claimSeeksTheRecipientsDueMessages() {
        List<String> steps = new ArrayList<>();
        try (var session = driver.session()) {
            collect(session.run("EXPLAIN " + Outbox.claimStatement(), Map.of("now", ZonedDateTime.now(),
                    "recipients", List.of("KZ-MIO-75", "KZ-OVD-75"), "limit", 4, "leaseUntil", ZonedDateTime.now(),
                    "instance", "plan", "run", "plan")).consume().plan(), steps);
        }
        assertThat(steps).as("plan of the claim")
                .anyMatch(step -> step.startsWith("NodeIndexSeek")
                        && step.contains("OutboundMessage(status, recipient, nextAttemptAt)"))
                .noneMatch(step -> step.contains("OutboundMessage(status, nextAttemptAt)"))
                .noneMatch(step -> step.startsWith("NodeByLabelScan") || step.startsWith("AllNodesScan"));
    }

    private static void collect(Plan plan, List<String> steps) {
        steps.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> collect(child, steps));
    }
}
