package kz.reentry.hub.security;

/**
 * A count of persons, with the cell key of the persons counted (docs/adr/0007): the sum, modulo
 * 2^32, of their record keys ({@code Person.cellKey}, a random number the graph gives each person
 * when it is created and the API never shows). The same persons give the same key whichever query
 * counted them; one person more or less gives an unrelated key. Counts that the access policy rules
 * as small cells ({@code smallCells}) are fetched as this, and {@link AccessPolicy.SmallCells}
 * decides what each party is told.
 */
public record CellCount(int value, long key) {

    static final long KEY_RANGE = 1L << 32;

    /** From a count query's {@code count(p)} and {@code sum(p.cellKey)}. */
    public static CellCount of(long count, long keySum) {
        return new CellCount(Math.toIntExact(count), Math.floorMod(keySum, KEY_RANGE));
    }

    /**
     * Random rounding to a multiple of {@code base}: up with probability remainder / base, down
     * otherwise, so the rounded count is unbiased; the "random" number is the cell key, so the same
     * persons always round the same way and asking again, or otherwise, cannot average it away.
     */
    public int roundedTo(int base) {
        int remainder = value % base;
        if (remainder == 0) {
            return value;
        }
        int down = value - remainder;
        return key * base < remainder * KEY_RANGE ? down + base : down;
    }
}
