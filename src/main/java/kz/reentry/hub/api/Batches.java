package kz.reentry.hub.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Helpers for {@code @BatchMapping}: one query for a whole level of the response, then matched back to parents. */
public final class Batches {

    private Batches() {
    }

    /** The distinct keys the parents point to (parents without one left out), for one {@code UNWIND $keys} query. */
    public static <P, K> List<K> keys(Collection<P> parents, Function<P, K> key) {
        return parents.stream().map(key).filter(Objects::nonNull).distinct().toList();
    }

    /** Each parent with what was found for its key; a parent whose key found nothing maps to null. */
    public static <P, K, V> Map<P, V> matched(Collection<P> parents, Function<P, K> key, Map<K, V> found) {
        Map<P, V> result = new LinkedHashMap<>();
        parents.forEach(parent -> result.put(parent, found.get(key.apply(parent))));
        return result;
    }

    /** Each parent with the list found for its key; an empty list where it has no key or nothing was found. */
    public static <P, K, V> Map<P, List<V>> matchedLists(Collection<P> parents, Function<P, K> key, Map<K, List<V>> found) {
        Map<P, List<V>> result = new LinkedHashMap<>();
        parents.forEach(parent -> {
            K k = key.apply(parent);
            result.put(parent, k == null ? List.of() : found.getOrDefault(k, List.of()));
        });
        return result;
    }

    /** A map from each key to an empty list, for one-to-many results where a key may find nothing. */
    public static <K, V> Map<K, List<V>> emptyLists(Collection<K> keys) {
        Map<K, List<V>> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, new ArrayList<>()));
        return map;
    }

    /** Entities for {@code _entities}, in the order of the representations, null where unknown. */
    public static <K, V> List<V> inOrder(List<K> keys, Map<K, V> found) {
        return keys.stream().map(found::get).toList();
    }
}
