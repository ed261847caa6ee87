package kz.reentry.hub.api;

/** Bounds on {@code first}: large enough for a screen or a sync batch, small enough to protect the graph. */
public final class PageSize {

    public static final int MAX = 500;

    private PageSize() {
    }

    public static int check(Integer first) {
        int size = first == null ? 20 : first;
        if (size < 1 || size > MAX) {
            throw new InvalidArgumentException("first", "range", "must be between 1 and " + MAX + ", not " + size);
        }
        return size;
    }
}
