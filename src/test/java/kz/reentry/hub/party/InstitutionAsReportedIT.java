package kz.reentry.hub.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The institution an E5 record names is filed as the penal system reports it (name, type, level, region,
 * the region's penal department as operator), and a record that reports it as the graph already holds it
 * writes nothing to it: every record of an institution names it, and a write there locked the institution
 * and its operator in every intake transaction of the region.
 */
class InstitutionAsReportedIT extends HubIntegrationTest {

    @Autowired
    EmbeddedNeo4j neo4j;

    private final InstitutionWrites writes = new InstitutionWrites();

    @BeforeEach
    void listen() {
        neo4j.managementService().registerTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, writes);
    }

    @AfterEach
    void stopListening() {
        neo4j.managementService().unregisterTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, writes);
    }

    @Test
    @DisplayName("a new institution is filed, a record reporting it unchanged writes nothing to it, a changed name, level or region is written with the new operator")
    void filedAsReportedAndOnlyWhatChanged() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        String code = "UKT-" + random.nextInt(1, 10_000) + "-" + random.nextInt(1, 10_000);
        writes.watch(code);

        assertThat(post(record(code, "Учреждение А", "KZ-35").set("institution.securityLevel", "MEDIUM"))).isEqualTo(200);
        assertThat(writes.touched()).as("a new institution is written").isNotEmpty();
        assertThat(institution(code)).containsEntry("name", "Учреждение А").containsEntry("region", "KZ-35")
                .containsEntry("securityLevel", "MEDIUM").containsEntry("operators", List.of("KZ-DUIS-35"));

        writes.clear();
        // the same institution again, its level left out (kept as it was)
        assertThat(post(record(code, "Учреждение А", "KZ-35"))).isEqualTo(200);
        assertThat(writes.touched()).as("writes to an institution reported as the graph holds it").isEmpty();
        assertThat(institution(code)).containsEntry("securityLevel", "MEDIUM");

        writes.clear();
        assertThat(post(record(code, "Учреждение Б", "KZ-71").set("institution.securityLevel", "MAXIMUM"))).isEqualTo(200);
        assertThat(writes.touched()).isNotEmpty();
        assertThat(institution(code)).containsEntry("name", "Учреждение Б").containsEntry("region", "KZ-71")
                .containsEntry("securityLevel", "MAXIMUM").containsEntry("regions", 1L)
                .containsEntry("operators", List.of("KZ-DUIS-71"));
    }

    private static ReleaseRecords record(String code, String name, String region) {
        return ReleaseRecords.validRelease(LocalDate.now().plusMonths(14)).set("institution.code", code)
                .set("institution.name", name).set("institution.region", region);
    }

    private int post(ReleaseRecords record) {
        return postRelease(record.json()).status();
    }

    private Map<String, Object> institution(String code) {
        return driver.executableQuery("""
                MATCH (i:Institution:Party {code: $code})-[:LOCATED_IN]->(r:Region)
                RETURN i.name AS name, r.code AS region, i.securityLevel AS securityLevel,
                       COUNT { (i)-[:LOCATED_IN]->() } AS regions,
                       [(i)-[:OPERATED_BY]->(o) | o.code] AS operators
                """).withParameters(Map.of("code", code)).execute().records().getFirst().asMap();
    }

    /** What each committed transaction wrote to the watched institution's node and its relationships. */
    private static final class InstitutionWrites extends TransactionEventListenerAdapter<Object> {

        private final List<String> touched = new CopyOnWriteArrayList<>();
        private volatile String code;

        void watch(String code) {
            this.code = code;
        }

        void clear() {
            touched.clear();
        }

        List<String> touched() {
            return touched;
        }

        @Override
        public Object beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService database) {
            data.assignedNodeProperties().forEach(p -> note(p.entity(), "set " + p.key()));
            data.assignedLabels().forEach(l -> note(l.node(), "label " + l.label().name()));
            // a relationship rewritten (deleted and created again) shows as created
            data.createdRelationships().forEach(r -> note(r, "created " + r.getType().name()));
            return null;
        }

        private void note(Relationship r, String what) {
            note(r.getStartNode(), what);
        }

        private void note(Node node, String what) {
            if (node.hasLabel(org.neo4j.graphdb.Label.label("Institution")) && code != null
                    && code.equals(node.getProperty("code", null))) {
                touched.add(what);
            }
        }
    }
}
