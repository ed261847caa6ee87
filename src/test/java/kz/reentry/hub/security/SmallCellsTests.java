package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallCellsTests {

    private static final AccessPolicy.SmallCells CELLS = new AccessPolicy.SmallCells(5, Set.of("PENAL_SYSTEM"),
            Set.of("Query.personStateCount"));

    @Test
    @DisplayName("a party in exactFor is told every count exactly")
    void exact() {
        for (int count = 0; count < 30; count++) {
            assertThat(CELLS.published(new CellCount(count, 123_456_789L), "PENAL_SYSTEM")).contains(count);
        }
    }

    @Test
    @DisplayName("any other party gets 0 as 0, nothing for 1 to 4, and a multiple of 5 for the rest, within 4 of the count")
    void restricted() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            int count = n;
            var published = CELLS.published(new CellCount(count, random.nextLong(CellCount.KEY_RANGE)), "NGO");
            if (count == 0) {
                assertThat(published).contains(0);
            } else if (count < 5) {
                assertThat(published).isEmpty();
            } else {
                assertThat(published).hasValueSatisfying(value -> {
                    assertThat(value % 5).isZero();
                    assertThat(Math.abs(value - count)).isLessThan(5);
                    assertThat(value).isGreaterThanOrEqualTo(5);
                });
            }
        }
        assertThat(CELLS.published(new CellCount(12, 1), null)).contains(15);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {5, 6, 7, 8, 9, 12, 101})
    @DisplayName("the rounding is unbiased over cell keys and the same for the same key")
    void unbiased(int count) {
        Random random = new Random(count);
        long total = 0;
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            var cell = new CellCount(count, random.nextLong(CellCount.KEY_RANGE));
            assertThat(cell.roundedTo(5)).isEqualTo(cell.roundedTo(5));
            total += cell.roundedTo(5);
        }
        assertThat((double) total / draws).isCloseTo(count, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    @DisplayName("the cell key is the sum of the record keys modulo 2^32, whatever the sum's sign or size")
    void cellKey() {
        assertThat(CellCount.of(3, (1L << 32) + 5).key()).isEqualTo(5);
        assertThat(CellCount.of(3, -1).key()).isEqualTo((1L << 32) - 1);
    }
}
