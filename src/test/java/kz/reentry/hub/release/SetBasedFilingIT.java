package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A group of batch-file records is filed set-based (ReleaseRecordStore.fileAll): each filing step runs
 * once or twice for the whole group, not once per record, so the statements the database runs for a
 * file of one group hardly grow with the number of its records. Counted by the database itself
 * (db.stats.collect('QUERIES')): every statement of every thread while the file is filed, but the
 * background work that runs by the clock ({@link #filing}).
 */
class SetBasedFilingIT extends HubIntegrationTest {

    private static final int N = 40;

    @Autowired
    CamelContext camel;

    @Test
    @DisplayName("a batch file of 4N new records costs far fewer than four times the statements of one of N")
    void statementsDoNotGrowWithTheGroup() throws IOException {
        Map<String, Long> small = statementsFiling(N);
        Map<String, Long> large = statementsFiling(4 * N);
        long smallTotal = total(small);
        long largeTotal = total(large);
        System.out.printf("statements: %d records -> %d, %d records -> %d%n", N, smallTotal, 4 * N, largeTotal);
        for (var counted : List.of(small, large)) {
            counted.entrySet().stream().filter(e -> filing(e.getKey()))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
                        String text = e.getKey().replaceAll("\\s+", " ");
                        System.out.printf("%6d  %s%n", e.getValue(), text.substring(0, Math.min(110, text.length())));
                    });
            System.out.println();
        }
        // one record at a time, ~20 statements a record: 4N records cost about four times the statements of N
        assertThat(largeTotal).as("statements of %d records against %d of %d", largeTotal, smallTotal, N)
                .isLessThan(smallTotal * 3 / 2);
    }

    /** Every statement the database ran, by text, while a file of {@code records} new records was filed. */
    private Map<String, Long> statementsFiling(int records) throws IOException {
        List<ReleaseRecords> file = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            // half released within the year (their E1 notice goes into the outbox at once), half later
            file.add(ReleaseRecords.validRelease(i % 2 == 0 ? LocalDate.now().plusMonths(3).plusDays(i % 60)
                    : LocalDate.of(2047, 6, 1).plusDays(i % 200)));
        }
        String name = "set-based-" + records + "-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        var batches = new BatchDrops(BatchDrops.directoryOf(camel), this::batchFiles);
        collect("db.stats.stop('QUERIES')");
        collect("db.stats.clear('QUERIES')");
        collect("db.stats.collect('QUERIES')");
        JsonNode batch;
        try {
            batches.drop(name, BatchDrops.csv(file).getBytes(StandardCharsets.UTF_8));
            batch = batches.awaitBatch(name, Duration.ofMinutes(2));
        } finally {
            collect("db.stats.stop('QUERIES')");
        }
        assertThat(batch.get("accepted").asInt()).isEqualTo(records);
        Map<String, Long> statements = new LinkedHashMap<>();
        driver.executableQuery("""
                CALL db.stats.retrieve('QUERIES') YIELD section, data
                WITH data WHERE data.query IS NOT NULL AND NOT data.query CONTAINS 'db.stats'
                RETURN data.query AS query,
                       coalesce(data.invocationSummary.invocationCount, size(data.invocations)) AS runs
                """).execute().records().forEach(r -> statements.merge(r.get("query").asString(), r.get("runs").asLong(),
                Long::sum));
        return statements;
    }

    private void collect(String procedure) {
        driver.executableQuery("CALL " + procedure).execute();
    }

    private static long total(Map<String, Long> statements) {
        return statements.entrySet().stream().filter(e -> filing(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Not the background work that runs by the clock, whose statements follow the seconds a file takes
     * rather than its records: the outbox dispatcher (due, claim, delivered), the disclosure journal's
     * flushes, the gauges; nor this test's poll of the batch files.
     */
    private static boolean filing(String statement) {
        String text = statement.replaceAll("\\s+", " ");
        return BY_THE_CLOCK.stream().noneMatch(text::contains);
    }

    private static final List<String> BY_THE_CLOCK = List.of("MATCH (m:OutboundMessage {status: 'PENDING'})",
            "MATCH (m:OutboundMessage {id: $id}) SET m.status", "MATCH (b:BatchFile) RETURN b", "DisclosureLogTail",
            "DisclosureJournalMark", "CREATE (d:DisclosureEntry)", "MATCH (d:DeadLetter) WHERE d.status = 'PENDING'",
            "WHERE o.dueOn < $today RETURN o.kind AS kind, count(o) AS overdue");

    private List<JsonNode> batchFiles() {
        return graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class);
    }
}
