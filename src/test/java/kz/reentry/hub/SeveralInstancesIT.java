package kz.reentry.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import kz.reentry.hub.graph.EmbeddedNeo4j;
import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import tools.jackson.databind.JsonNode;

/**
 * Two hub instances, each in a JVM of its own, on one graph (a Neo4j started by the test, reached over
 * Bolt), both serving and both dispatching the outbox, as a ministry runs them behind a load balancer.
 * The hubs are started once for the class: each start costs about 30 s.
 */
@BesideTheSharedHub
class SeveralInstancesIT {

    @TempDir
    static Path root;

    private static EmbeddedNeo4j graph;
    private static HoldingReceiver akimat;
    private static HoldingReceiver police;
    private static HubProcess first;
    private static HubProcess second;

    @BeforeAll
    static void startTwoHubsOnOneGraph() throws Exception {
        graph = EmbeddedNeo4j.start(root.resolve("shared-graph"), 0, 32L * 1024 * 1024);
        akimat = new HoldingReceiver();
        police = new HoldingReceiver();
        first = HubProcess.start("several-first", root.resolve("first"), arguments("hub-a"));
        second = HubProcess.start("several-second", root.resolve("second"), arguments("hub-b"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {second, first, akimat, police, graph}) {
            if (part != null) {
                part.close();
            }
        }
    }

    private static List<String> arguments(String instance) {
        return List.of(
                "--NEO4J_URI=" + graph.boltUri(),
                "--HUB_INSTANCE_ID=" + instance,
                "--hub.delivery.poll-interval=100ms",
                // long enough that calls held by the receiver below are still open when it answers
                "--hub.delivery.response-timeout-millis=120000",
                "--hub.delivery.receivers.akimat-75.agencies=KZ-MIO-75",
                "--hub.delivery.receivers.akimat-75.endpoint=" + akimat.endpoint(),
                "--hub.delivery.receivers.police-75.agencies=KZ-OVD-75",
                "--hub.delivery.receivers.police-75.endpoint=" + police.endpoint(),
                "--hub.edge.requests-per-second-by-client.kuis-demo=100000",
                // the daily run of E1 notices every 2 seconds on both, so that both run it at the same moments
                "--hub.delivery.release-notice-schedule=*/2 * * * * *");
    }

    @Test
    @DisplayName("reads served by both instances at once: every request's own disclosure entry is in the graph, numbered 1..N without gaps or repeats, one intact chain")
    void oneDisclosureLogForBothInstances() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusYears(3));
        assertThat(first.postRelease(record.json())).isEqualTo("ACCEPTED");
        int threadsPerHub = 4;
        int readsPerThread = 25;
        var endUsers = new ConcurrentLinkedQueue<String>();
        List<Callable<Void>> readers = new ArrayList<>();
        for (HubProcess hub : List.of(first, second)) {
            var kuis = hub.graphQl("kuis-demo");
            for (int t = 0; t < threadsPerHub; t++) {
                readers.add(() -> {
                    for (int i = 0; i < readsPerThread; i++) {
                        String endUser = DisclosureLog.uniqueEndUser("several-instances-reader");
                        var answer = DisclosureLog.as(kuis, endUser).documentName("personView")
                                .variable("iin", record.iin()).executeSync();
                        assertThat(answer.getErrors()).isEmpty();
                        assertThat((String) answer.field("person.iin").getValue()).isEqualTo(record.iin());
                        endUsers.add(endUser);
                    }
                    return null;
                });
            }
        }
        try (var pool = Executors.newFixedThreadPool(readers.size())) {
            for (Future<Void> reader : pool.invokeAll(readers)) {
                reader.get();
            }
        }
        assertThat(endUsers).hasSize(2 * threadsPerHub * readsPerThread);

        // every request's own entry reaches the graph (within the writer's 200 ms, give or take a batch)
        String ownEntries = "MATCH (d:DisclosureEntry) WHERE d.endUser IN $endUsers RETURN count(DISTINCT d.endUser)";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(first.count(ownEntries, Map.of("endUsers", List.copyOf(endUsers))))
                        .as("requests whose own entry is in the graph").isEqualTo(endUsers.size()));
        assertThat(first.count("MATCH (d:DisclosureEntry) WHERE d.endUser IN $endUsers RETURN count(d)",
                Map.of("endUsers", List.copyOf(endUsers)))).as("entries of those requests").isEqualTo(endUsers.size());
        assertThat(first.count("MATCH (d:DisclosureEntry) WHERE d.endUser IN $endUsers RETURN count(DISTINCT d.journal)",
                Map.of("endUsers", List.copyOf(endUsers)))).as("journals (instances) they came from").isEqualTo(2);

        // the numbers are 1..N, each once
        Record numbers = first.graph().executableQuery("""
                MATCH (d:DisclosureEntry)
                RETURN count(d) AS entries, count(DISTINCT d.seq) AS numbers, min(d.seq) AS lowest, max(d.seq) AS highest
                """).execute().records().getFirst();
        long entries = numbers.get("entries").asLong();
        assertThat(numbers.get("numbers").asLong()).as("distinct numbers").isEqualTo(entries);
        assertThat(numbers.get("lowest").asLong()).isEqualTo(1);
        assertThat(numbers.get("highest").asLong()).as("highest number").isEqualTo(entries);

        // and the chain verifies whole, asked on either instance
        for (HubProcess hub : List.of(first, second)) {
            JsonNode verification = hub.graphQl("prosecutor-demo")
                    .document("{ verifyDisclosureLog { entries intact firstBrokenSeq gaps } }").executeSync()
                    .field("verifyDisclosureLog").toEntity(JsonNode.class);
            assertThat(verification.get("intact").asBoolean()).as("intact, asked on %s", hub.port()).isTrue();
            assertThat(verification.get("entries").asLong()).isGreaterThanOrEqualTo(entries);
            assertThat(verification.get("gaps")).isEmpty();
        }
    }

    @Test
    @DisplayName("release records filed on both instances at once, both dispatching at once: every notice is delivered, each in exactly one call")
    void eachMessageDeliveredOnce() throws Exception {
        // the akimat's system takes calls and hangs, so that both instances fill their bulkheads with it
        akimat.hold();
        List<ReleaseRecords> records = fileOnBoth(LocalDate.now().plusMonths(2));
        // 4 calls at a time per instance (the receiver's default bulkhead): 8 held means both are calling
        await().atMost(Duration.ofSeconds(30)).until(() -> akimat.held() == 8);
        assertThat(akimat.heldRequests().stream().map(HoldingReceiver.Held::messageId).distinct()).hasSize(8);
        akimat.answer();
        List<String> iins = records.stream().map(ReleaseRecords::iin).toList();
        String delivered = """
                MATCH (m:OutboundMessage {recipient: $recipient})-[:CONCERNS]->(p:Person)
                WHERE p.iin IN $iins AND m.status = 'DELIVERED' RETURN count(m)""";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                first.count(delivered, Map.of("recipient", "KZ-MIO-75", "iins", iins)) == records.size()
                        && first.count(delivered, Map.of("recipient", "KZ-OVD-75", "iins", iins)) == records.size());
        // a moment for a second call of any message, had there been one
        Thread.sleep(1500);
        eachAppliedInOneCall(iins);
    }

    @Test
    @DisplayName("the daily run of E1 notices on both instances at the same moments: each notice that fell due is queued once per recipient and delivered in one call")
    void dailyRunOnBothQueuesEachNoticeOnce() throws Exception {
        // filed long before their notices are due, so that only the daily run can queue them
        List<ReleaseRecords> records = fileOnBoth(LocalDate.now().plusYears(3));
        List<String> iins = records.stream().map(ReleaseRecords::iin).toList();
        String queued = """
                MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:CONCERNS]->(p:Person)
                WHERE p.iin IN $iins MATCH (o)<-[:FULFILS]-(m:OutboundMessage) RETURN count(m)""";
        assertThat(first.count(queued, Map.of("iins", iins))).isZero();
        // the day comes for all of them at once (the graph is shared: one write is seen by both)
        assertThat(first.count("""
                MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE', status: 'OPEN'})-[:CONCERNS]->(p:Person) WHERE p.iin IN $iins
                SET o.dueOn = date() RETURN count(o)""", Map.of("iins", iins))).isEqualTo(records.size());

        String delivered = """
                MATCH (m:OutboundMessage {recipient: $recipient, status: 'DELIVERED'})-[:CONCERNS]->(p:Person)
                WHERE p.iin IN $iins RETURN count(m)""";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                first.count(delivered, Map.of("recipient", "KZ-MIO-75", "iins", iins)) == records.size()
                        && first.count(delivered, Map.of("recipient", "KZ-OVD-75", "iins", iins)) == records.size());
        // several more runs on both, had any of them queued a notice again
        Thread.sleep(5000);
        assertThat(first.count(queued, Map.of("iins", iins))).isEqualTo(2L * records.size());
        eachAppliedInOneCall(iins);
    }

    @Test
    @DisplayName("cases assigned and accepted on both instances at once while the NGO pulls its feed from both: every case comes back in its last state, no move twice, and the change numbers have no gaps or repeats")
    void oneNgoFeedAcrossInstances() throws Exception {
        List<ReleaseRecords> records = fileOnBoth(LocalDate.now().plusYears(2));
        List<String> persons = first.graph().executableQuery("MATCH (p:Person) WHERE p.iin IN $iins RETURN p.id AS id")
                .withParameters(Map.of("iins", records.stream().map(ReleaseRecords::iin).toList())).execute().records()
                .stream().map(r -> r.get("id").asString()).toList();
        assertThat(persons).hasSize(records.size());

        // the NGO pulls its feed all along, from one instance then the other, with the cursor the other gave
        var seen = new ConcurrentLinkedQueue<List<String>>();
        var feed = new NgoFeed(seen);
        var akimats = List.of(first.graphQl("akimat-demo"), second.graphQl("akimat-demo"));
        var ngos = List.of(first.graphQl("ngo-demo"), second.graphQl("ngo-demo"));
        List<Callable<String>> moves = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            var assigning = akimats.get(i % 2);
            var accepting = ngos.get((i + 1) % 2);
            String person = persons.get(i);
            moves.add(() -> {
                var assigned = assigning.documentName("assignCase").variable("input", Map.of("personId", person,
                        "ngo", "NGO-KZ-75-0001", "reason", "Сопровождение после освобождения")).executeSync();
                assertThat(assigned.getErrors()).isEmpty();
                String id = assigned.field("assignCase.id").getValue();
                var accepted = accepting.documentName("acceptCase").variable("referralId", id).executeSync();
                assertThat(accepted.getErrors()).isEmpty();
                return id;
            });
        }
        List<String> cases = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(5)) {
            Future<?> puller = pool.submit(() -> {
                while (!feed.stopped) {
                    feed.pull(ngos);
                }
                return null;
            });
            for (Future<String> moved : pool.invokeAll(moves)) {
                cases.add(moved.get());
            }
            feed.stopped = true;
            puller.get();
        }
        while (feed.pull(ngos) > 0) {
            // the rest of the feed
        }

        var lastSeen = new java.util.HashMap<String, String>();
        seen.forEach(edge -> lastSeen.put(edge.get(0), edge.get(1)));
        assertThat(lastSeen.keySet()).as("cases the NGO's feed gave").containsExactlyInAnyOrderElementsOf(cases);
        assertThat(lastSeen.values()).as("the state each case was last given in").allMatch("ACCEPTED"::equals);
        // a case comes back once per move at most (assigned, accepted), and never twice in one state
        assertThat(seen.stream().map(edge -> edge.get(0) + " " + edge.get(1)).toList()).doesNotHaveDuplicates();

        // every change took the next number of the one sequence, committed once: no gaps, no repeats
        Record changes = first.graph().executableQuery("""
                MATCH (s:Sequence {name: 'referral-changes'})
                CALL () { MATCH (t:ReferralTransition) RETURN count(t) AS transitions }
                CALL () { MATCH (r:Referral) RETURN count(r) AS referrals, count(DISTINCT r.change) AS distinctLatest }
                RETURN s.value AS taken, transitions, referrals, distinctLatest
                """).execute().records().getFirst();
        assertThat(changes.get("taken").asLong()).as("numbers taken").isEqualTo(changes.get("transitions").asLong());
        assertThat(changes.get("distinctLatest").asLong()).isEqualTo(changes.get("referrals").asLong());
        assertThat(changes.get("referrals").asLong()).isGreaterThanOrEqualTo(cases.size());
    }

    /** The NGO's incremental pull, alternating between the instances; each edge seen as (case, status). */
    private static final class NgoFeed {

        private final ConcurrentLinkedQueue<List<String>> seen;
        private String cursor;
        private int calls;
        volatile boolean stopped;

        NgoFeed(ConcurrentLinkedQueue<List<String>> seen) {
            this.seen = seen;
        }

        /** One page of at most 3 cases from where the last page ended; how many it gave. */
        synchronized int pull(List<org.springframework.graphql.client.HttpSyncGraphQlClient> ngos) {
            var page = ngos.get(calls++ % 2).documentName("myAssignedCases").variable("updatedSince", cursor)
                    .variable("first", 3).executeSync();
            assertThat(page.getErrors()).isEmpty();
            List<Map<String, Object>> edges = page.field("myAssignedCases.edges").getValue();
            for (var edge : edges) {
                @SuppressWarnings("unchecked")
                var node = (Map<String, Object>) edge.get("node");
                seen.add(List.of((String) node.get("id"), (String) node.get("status")));
            }
            String end = page.field("myAssignedCases.pageInfo.endCursor").getValue();
            if (end != null) {
                cursor = end;
            }
            return edges.size();
        }
    }

    /** Twelve release records from the given day on, filed half on each instance, four at a time. */
    /** Both receivers applied one message per person, each in exactly one call. */
    private static void eachAppliedInOneCall(List<String> iins) {
        for (var receiver : Map.of("akimat", akimat, "police", police).entrySet()) {
            var applied = receiver.getValue().applied().entrySet().stream()
                    .filter(e -> iins.contains(e.getValue())).map(Map.Entry::getKey).toList();
            assertThat(applied).as("%s: messages applied", receiver.getKey()).hasSize(iins.size());
            for (String messageId : applied) {
                assertThat(receiver.getValue().requests(messageId)).as("%s: calls with %s", receiver.getKey(), messageId)
                        .isEqualTo(1);
            }
        }
    }

    private List<ReleaseRecords> fileOnBoth(LocalDate from) throws Exception {
        List<ReleaseRecords> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(ReleaseRecords.validRelease(from.plusDays(i)));
        }
        List<Callable<String>> filings = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            HubProcess hub = i % 2 == 0 ? first : second;
            var record = records.get(i);
            filings.add(() -> hub.postRelease(record.json()));
        }
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (Future<String> filed : pool.invokeAll(filings)) {
                assertThat(filed.get()).isEqualTo("ACCEPTED");
            }
        }
        return records;
    }
}
