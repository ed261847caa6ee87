package kz.reentry.hub.api;

import java.util.List;
import java.util.function.Function;

/** A Relay connection page, the shape of every {@code …Connection} type in the schema. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /**
     * Builds a page from a keyset query that fetched one row more than asked for, which is how
     * {@code hasNextPage} is known without counting.
     */
    public static <T> Connection<T> ofOneExtra(List<T> rows, int first, boolean hasPrevious,
                                               Function<T, Cursor> cursorOf) {
        boolean hasNext = rows.size() > first;
        List<Edge<T>> edges = rows.stream().limit(first)
                .map(row -> new Edge<>(cursorOf.apply(row).encode(), row))
                .toList();
        return new Connection<>(edges, new PageInfo(hasNext, hasPrevious,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor()));
    }
}
