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
 * (db.stats.collect('QUERIES')): every statement of every thread while the file is filed, but those of
 * the outbox dispatcher delivering the E1 notices the records owe (one delivery a message, by design)
 * and of this test waiting for the file's batch.
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
        large.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey().replaceAll("\\s+", " ")
                        .substring(0, Math.min(110, e.getKey().replaceAll("\\s+", " ").length()))));
        // one record at a time, ~19 statements a record: 4N records cost four times the statements of N
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
        return statements.entrySet().stream().filter(e -> !NOT_FILING.matcher(e.getKey()).lookingAt())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The dispatcher's statements (due, claim, delivered) and the test's poll of batch files. */
    private static final java.util.regex.Pattern NOT_FILING = java.util.regex.Pattern.compile(
            "\\s*MATCH \\(m:OutboundMessage \\{(status: 'PENDING'|id: \\$id)\\}\\)|\\s*MATCH \\(b:BatchFile\\) RETURN b");

    private List<JsonNode> batchFiles() {
        return graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class);
    }
}
