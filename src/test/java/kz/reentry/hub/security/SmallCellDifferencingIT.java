package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The differencing attack on small cells (docs/adr/0007): two counts for adjacent dates, periods or
 * regions that differ by one person give that person away, though the one-person cell itself is
 * withheld. A party outside smallCells.exactFor gets every count rounded to a multiple of 5, so no
 * sum or difference of its answers is 1 to 4; the rounding is fixed by the persons counted, so asking
 * again, or asking for another date with the same persons, gives the same answer (nothing to average).
 */
class SmallCellDifferencingIT extends HubIntegrationTest {

    private static final String REGION = "KZ-10";
    private static final List<String> RESTRICTED = List.of("akimat-demo", "ngo-demo", "labour-demo");

    @Test
    @DisplayName("counts of persons in a state on adjacent dates and in adjacent regions cannot be differenced into a small cell by a restricted party; the penal system and the prosecutor count exactly")
    void stateCountsOnAdjacentDates() {
        Map<String, Integer> exactBefore = exactCounts("kuis-demo");
        for (int i = 0; i < 7; i++) {
            probationer("2048-01-10");
        }
        probationer("2048-02-01");

        for (String exact : List.of("kuis-demo", "prosecutor-demo")) {
            Map<String, Integer> counts = exactCounts(exact);
            assertThat(counts.get("2048-01-31") - exactBefore.get("2048-01-31")).as(exact).isEqualTo(7);
            assertThat(counts.get("2048-02-01") - counts.get("2048-01-31")).as(exact).isEqualTo(1);
        }
        for (String restricted : RESTRICTED) {
            List<Integer> answers = new ArrayList<>();
            for (String on : List.of("2048-01-09", "2048-01-10", "2048-01-31", "2048-02-01", "2048-02-02")) {
                answers.add(count(restricted, on, REGION));
                answers.add(count(restricted, on, null));
            }
            assertNoSmallCellByDifference(restricted, answers);
            assertThat(count(restricted, "2048-02-01", REGION)).as("%s: 8 persons", restricted).isIn(5, 10);
            // the same persons on every day of February: one answer, whatever the date asked
            List<Integer> february = new ArrayList<>();
            for (int day = 1; day <= 20; day++) {
                february.add(count(restricted, "2048-02-%02d".formatted(day), REGION));
            }
            assertThat(february).as("%s: February", restricted).containsOnly(february.getFirst());
        }
    }

    @Test
    @DisplayName("indicators for adjacent periods and regions cannot be differenced into a small cell by an akimat, while the prosecutor's stay exact")
    void indicatorsOfAdjacentPeriods() {
        for (int i = 0; i < 6; i++) {
            released("2048-03-02");
        }
        released("2048-03-03");

        var exactShort = indicators("prosecutor-demo", "2048-03-01", "2048-03-02", REGION);
        var exactLong = indicators("prosecutor-demo", "2048-03-01", "2048-03-03", REGION);
        assertThat(exactShort).containsEntry("released", 6);
        assertThat(exactLong).containsEntry("released", 7);

        List<Integer> answers = new ArrayList<>();
        for (String to : List.of("2048-03-02", "2048-03-03", "2048-03-04")) {
            for (String region : new String[] {REGION, null}) {
                var indicators = indicators("akimat-demo", "2048-03-01", to, region);
                for (String field : List.of("released", "withHousing", "employed", "treatmentHandedOver", "repeatOffences")) {
                    answers.add((Integer) indicators.get(field));
                }
            }
        }
        assertNoSmallCellByDifference("akimat-demo", answers);
        // another period holding the same persons gives the same answer
        assertThat(indicators("akimat-demo", "2048-02-15", "2048-03-10", REGION))
                .isEqualTo(indicators("akimat-demo", "2048-03-01", "2048-03-03", REGION));
    }

    @Test
    @DisplayName("every person has a record key for the rounding, however it was created: intake or registration")
    void everyPersonHasARecordKey() {
        filed(ReleaseRecords.validRelease(LocalDate.of(2048, 4, 1)));
        var registered = graphQl("police-demo").documentName("registerPerson").variable("input", Map.of(
                "surname", "Ключев", "givenName", "Ерлан", "birthDate", "1987-01-02", "sex", "MALE", "citizenship", "KZ",
                "identity", Map.of("kind", "PASSPORT", "number", "CK" + (System.nanoTime() % 10_000_000), "country", "KZ")))
                .executeSync();
        assertThat(registered.getErrors()).isEmpty();

        assertThat(count("MATCH (p:Person) WHERE p.cellKey IS NULL RETURN count(p)", Map.of())).isZero();
        assertThat(count("MATCH (p:Person) WHERE p.cellKey < 0 OR p.cellKey >= 4294967296 RETURN count(p)", Map.of())).isZero();
    }

    /** Every answer is withheld (null) or a multiple of 5, so no sum or difference of answers is 1 to 4. */
    private static void assertNoSmallCellByDifference(String client, List<Integer> answers) {
        assertThat(answers).as("%s: answers", client).allSatisfy(answer -> {
            if (answer != null) {
                assertThat(answer % 5).as("%s: %s is not a multiple of 5", client, answer).isZero();
            }
        });
        for (Integer a : answers) {
            for (Integer b : answers) {
                if (a != null && b != null) {
                    assertThat(Math.abs(a - b)).as("%s: difference of %s and %s", client, a, b).isNotIn(1, 2, 3, 4);
                }
            }
        }
    }

    private Map<String, Integer> exactCounts(String client) {
        Map<String, Integer> counts = new HashMap<>();
        for (String on : List.of("2048-01-31", "2048-02-01")) {
            counts.put(on, count(client, on, REGION));
        }
        return counts;
    }

    private Integer count(String client, String on, String region) {
        var reply = graphQl(client).documentName("personStateCount").variable("state", "PROBATIONER").variable("on", on)
                .variable("region", region).executeSync();
        Integer value = reply.field("personStateCount").getValue();
        if (value == null) {
            assertThat(reply.getErrors()).singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("reason", "SMALL_CELL"));
        } else {
            assertThat(reply.getErrors()).as("errors of %s on %s", client, on).isEmpty();
        }
        return value;
    }

    private void probationer(String from) {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2047, 12, 1)));
        var reply = graphQl("probation-demo").documentName("recordPersonState").variable("input", Map.of("personId", id,
                "kind", "PROBATIONER", "from", from, "region", REGION, "sourceSystem", "СП")).executeSync();
        assertThat(reply.getErrors()).isEmpty();
    }

    private void released(String on) {
        String id = filed(ReleaseRecords.validRelease(LocalDate.parse(on)));
        var reply = graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", id,
                "date", on, "type", "END_OF_TERM", "destinationRegion", REGION, "sourceSystem", "KUIS",
                "sourceMessageId", "cells-" + id)).executeSync();
        assertThat(reply.getErrors()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> indicators(String client, String from, String to, String region) {
        var reply = graphQl(client).documentName("indicators").variable("from", from).variable("to", to)
                .variable("region", region).executeSync();
        return reply.field("indicators").toEntity(Map.class);
    }
}
