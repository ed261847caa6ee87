package kz.reentry.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.summary.Plan;

/**
 * A batch file read again after the hub stopped looks up what the stopped batches had done a window of
 * places at a time, and counts it: each of those statements must seek the (batchFile, batchRecord)
 * index (V0019), never read every record of the batch (a file of millions) or scan the label.
 */
class BatchRecordPlacesPlanIT extends HubIntegrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FILED_IN", "REJECTED_IN", "DONE_COUNTS", "REJECTED_FIRST"})
    void lookupsSeekTheBatchPlaceIndex(String statement) throws ReflectiveOperationException {
        String cypher = (String) BatchFiles.class.getDeclaredField(statement).get(null);
        List<String> steps = new ArrayList<>();
        try (var session = driver.session()) {
            collect(session.run("EXPLAIN " + cypher, Map.of("batches", List.of("a", "b"), "from", 1000L, "to", 2000L,
                    "limit", 1000)).consume().plan(), steps);
        }
        assertThat(steps).as("plan of%n%s", cypher)
                .noneMatch(step -> step.startsWith("AllNodesScan") || step.startsWith("NodeByLabelScan"))
                .allMatch(step -> !step.startsWith("NodeIndexSeek") || step.contains("(batchFile, batchRecord)"))
                .anyMatch(step -> step.startsWith("NodeIndexSeek") && step.contains("(batchFile, batchRecord)"));
        if (cypher.contains("$from")) {
            // the window is part of the seek, not a filter over the batch's records
            assertThat(steps).as("plan of%n%s", cypher).anyMatch(step -> step.startsWith("NodeIndexSeek")
                    && step.contains("batchRecord >") && step.contains("batchRecord <="));
        }
    }

    private static void collect(Plan plan, List<String> steps) {
        steps.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> collect(child, steps));
    }
}
