package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.summary.Plan;

/**
 * The row rules are Cypher conditions added after a query's own match, so they must not turn an
 * index seek into a scan of every person. Each query the hub actually sends while reading a case
 * for a caller of each kind is planned (EXPLAIN) against the real database.
 */
class ScopedQueryPlansIT extends HubIntegrationTest {

    private static final List<String> SCANS = List.of("AllNodesScan", "NodeByLabelScan");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"probation-demo", "akimat-demo", "labour-demo", "ngo-demo", "kuis-demo"})
    void scopedReadsSeekIndexes(String client) {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2044, 4, 4)));
        searchAndRead(client, id);
        cypherQueries.reset();

        searchAndRead(client, id);
        List<String> scoped = cypherQueries.texts().stream()
                .filter(text -> text.contains("$scopeRegion") || text.contains("$scopeAgency") || text.contains("p.id"))
                .distinct().toList();

        assertThat(scoped).as("queries sent").isNotEmpty();
        for (String query : scoped) {
            List<String> operators = new ArrayList<>();
            try (var session = driver.session()) {
                collect(session.run("EXPLAIN " + query).consume().plan(), operators);
            }
            assertThat(operators).as("plan of%n%s", query).noneMatch(op -> SCANS.stream().anyMatch(op::startsWith));
        }
    }

    /**
     * A page of releases is planned as a walk of the (date, id) index in page order, for every caller,
     * whatever the statistics say: at the national scale the planner left to itself scanned every person
     * (2.5 million db hits a page) where the walk reads about the page's rows.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"probation-demo", "akimat-demo", "kuis-demo"})
    void releasesPageWalksTheDateIndex(String client) {
        filed(ReleaseRecords.validRelease(LocalDate.of(2044, 5, 5)));
        cypherQueries.reset();
        graphQl(client).document("""
                { upcomingReleases(from: "2044-05-01", to: "2044-05-31", first: 5) { edges { node { date } } } }""")
                .executeSync();
        List<String> pages = cypherQueries.texts().stream().filter(text -> text.contains("LIMIT $limit")
                && text.contains("PlannedRelease")).distinct().toList();

        assertThat(pages).as("page queries sent").hasSize(1);
        List<String> operators = new ArrayList<>();
        try (var session = driver.session()) {
            collect(session.run("EXPLAIN " + pages.getFirst()).consume().plan(), operators);
        }
        assertThat(operators).as("plan of%n%s", pages.getFirst())
                .noneMatch(op -> SCANS.stream().anyMatch(op::startsWith) || op.startsWith("Sort") || op.startsWith("Top"))
                .anyMatch(op -> op.startsWith("NodeIndexSeek"));
    }

    /**
     * A region's indicators find the region's releases of the period by the (kind, regionCode, from)
     * index: at the national scale the planner followed every release of the country in the period to
     * its region (two thirds of the statement's db hits).
     */
    @Test
    void regionalIndicatorsSeekTheRegionsReleases() {
        cypherQueries.reset();
        graphQl("kuis-demo").document("""
                { indicators(from: "2025-01-01", to: "2026-11-24", region: "KZ-75") { released } }""").executeSync();
        List<String> indicators = cypherQueries.texts().stream().filter(text -> text.contains("releasedOn")).distinct().toList();

        assertThat(indicators).as("indicator queries sent").hasSize(1);
        List<String> details = new ArrayList<>();
        try (var session = driver.session()) {
            collectDetails(session.run("EXPLAIN " + indicators.getFirst()).consume().plan(), details);
        }
        assertThat(details).as("plan of%n%s", indicators.getFirst())
                .anyMatch(step -> step.startsWith("NodeIndexSeek") && step.contains("PersonState(kind, regionCode, from)"))
                .noneMatch(step -> step.contains(":IN_REGION]"));
    }

    private void searchAndRead(String client, String id) {
        graphQl(client).documentName("personCase").variable("id", id).executeSync();
    }

    private static void collectDetails(Plan plan, List<String> steps) {
        steps.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> collectDetails(child, steps));
    }

    private static void collect(Plan plan, List<String> operators) {
        operators.add(plan.operatorType());
        plan.children().forEach(child -> collect(child, operators));
    }
}
