package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;
import org.neo4j.driver.summary.Plan;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * Every statement the hub sends with its first plan kept ({@link Cypher#keepingPlan}), wherever it is
 * declared: a kept plan made on a young graph is used for ever, so each one must start where no
 * statistic could move it: a unique key, or the index the statement names in a hint. Found by reading
 * every constant of the hub's classes, so a statement kept anywhere is checked without being listed.
 */
class KeptPlansIT extends HubIntegrationTest {

    private static final Pattern HINT = Pattern.compile("USING INDEX (?:SEEK )?\\w+:(\\w+)\\(([^)]*)\\)");

    @Test
    @DisplayName("every statement whose first plan is kept starts from a unique key or a hinted index, never a scan")
    void keptPlansStartFromAKey() throws Exception {
        Map<String, String> kept = keptStatements();
        assertThat(kept).as("kept statements found in the hub's classes")
                .containsKey("kz.reentry.hub.delivery.Outbox.CLAIM")
                .containsKey("kz.reentry.hub.release.ReleaseNotices.ONE_DUE_KEPT.perRow")
                .containsKey("kz.reentry.hub.release.CustodyRecords.EPISODE.write.perRow");
        List<String> wrongStarts = new ArrayList<>();
        try (var session = driver.session()) {
            kept.forEach((name, statement) -> {
                Set<String> hinted = new HashSet<>();
                var hints = HINT.matcher(statement);
                while (hints.find()) {
                    hinted.add(hints.group(1) + "(" + hints.group(2).replaceAll("\\s", "") + ")");
                }
                List<Plan> leaves = new ArrayList<>();
                walk(session.run(explain(statement)).consume().plan(), leaves);
                // a leaf that reads nodes or relationships must be a unique-key seek or a seek of the hinted index;
                // a MERGE on a unique key looks its node up inside the Merge step, with no such leaf
                List<Plan> reads = leaves.stream()
                        .filter(leaf -> leaf.operatorType().contains("Seek") || leaf.operatorType().contains("Scan")).toList();
                for (Plan leaf : reads) {
                    String details = leaf.arguments().getOrDefault("Details", Values.NULL).toString().replaceAll("\\s", "");
                    boolean hintedSeek = leaf.operatorType().contains("Seek")
                            && hinted.stream().anyMatch(index -> details.contains(":" + index));
                    if (!leaf.operatorType().startsWith("NodeUniqueIndexSeek") && !hintedSeek) {
                        wrongStarts.add(name + " starts at " + leaf.operatorType() + " " + details + " (hinted: " + hinted + ")");
                    }
                }
            });
        }
        assertThat(wrongStarts).as("kept plans that start elsewhere than a unique key or a hinted index").isEmpty();
    }

    /** The hub's static String constants that keep their plan, by class and field name. */
    private static Map<String, String> keptStatements() throws IOException, ReflectiveOperationException {
        String main = Cypher.class.getProtectionDomain().getCodeSource().getLocation().toString();
        var resolver = new PathMatchingResourcePatternResolver();
        var metadata = new SimpleMetadataReaderFactory(resolver);
        Map<String, String> kept = new TreeMap<>();
        for (var resource : resolver.getResources("classpath*:kz/reentry/hub/**/*.class")) {
            if (!resource.getURL().toString().startsWith(main)) {
                continue; // the tests' classes
            }
            String className = metadata.getMetadataReader(resource).getClassMetadata().getClassName();
            Class<?> type = Class.forName(className, true, KeptPlansIT.class.getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    keptIn(field.get(null), className + "." + field.getName(), kept);
                }
            }
        }
        return kept;
    }

    /** The kept statements a constant holds: a String, or the Strings of a record such as KeyStarted, however nested. */
    private static void keptIn(Object value, String name, Map<String, String> kept) throws ReflectiveOperationException {
        if (value instanceof String statement && statement.startsWith("CYPHER replan=skip")) {
            kept.put(name, statement);
        } else if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                keptIn(accessor.invoke(record), name + "." + component.getName(), kept);
            }
        }
    }

    /** EXPLAIN after the statement's query options, which must come first. */
    private static String explain(String statement) {
        return statement.replaceFirst("^(CYPHER [^\\n]*\\n)?", "$1EXPLAIN ");
    }

    private static void walk(Plan plan, List<Plan> leaves) {
        if (plan.children().isEmpty()) {
            leaves.add(plan);
        }
        plan.children().forEach(child -> walk(child, leaves));
    }
}
