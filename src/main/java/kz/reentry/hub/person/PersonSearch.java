package kz.reentry.hub.person;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.stereotype.Service;

/**
 * Name search. The full-text index finds the persons within the caller's rows whose names match
 * (every word, with small typos); the hub then scores each from the query and that person's own
 * names ({@link NameSimilarity}) and orders by score, then id. Scores, order and cursors therefore
 * depend on nothing the caller cannot see: Lucene's own scores would (their term statistics count
 * every person in the index), so that a hidden namesake would show in the score of one's own person.
 */
@Service
class PersonSearch {

    /** Longer than any name with its patronymic and a double surname; a Lucene query stays far below its clause limit. */
    static final int MAX_LENGTH = 200;
    static final int MAX_WORDS = 10;
    /** Every candidate is scored, so their number is bounded; a broader search is asked to name more. */
    static final int MAX_CANDIDATES = 5_000;

    private final PersonIdentityRepository identities;
    private final PersonRepository persons;
    private final CallerScopes scopes;

    PersonSearch(PersonIdentityRepository identities, PersonRepository persons, CallerScopes scopes) {
        this.identities = identities;
        this.persons = persons;
        this.scopes = scopes;
    }

    SearchResults search(String name, Integer first, String after) {
        List<String> words = words(name);
        int size = PageSize.check(first);
        Cursor cursor = Cursor.decode(after, "search", 3, "after");
        Position position = cursor == null ? null : position(cursor, words);

        var candidates = identities.searchCandidates(luceneQuery(words), MAX_CANDIDATES + 1, scopes.currentPersonScope());
        if (candidates.size() > MAX_CANDIDATES) {
            throw new InvalidArgumentException("name", "name.broad", "matches more than " + MAX_CANDIDATES
                    + " persons; add the given name or the patronymic");
        }
        List<Position> ranked = candidates.stream()
                .map(c -> new Position(NameSimilarity.score(words, c.nameWords(), c.variantWords()), c.personId()))
                .filter(p -> position == null || p.isAfter(position))
                .sorted(Position.ORDER)
                .limit(size + 1L)
                .toList();
        Map<String, Person> found = persons.findByIds(ranked.stream().map(Position::personId).toList());
        List<PersonMatch> rows = ranked.stream()
                .filter(p -> found.containsKey(p.personId()))
                .map(p -> new PersonMatch(found.get(p.personId()), p.score()))
                .toList();
        var page = Connection.ofOneExtra(rows, size, cursor != null, m -> new Cursor("search",
                List.of(String.join(" ", words), Double.toString(m.score()), m.node().id())));
        return new SearchResults(page.edges().stream()
                .map(e -> new SearchEdge(e.cursor(), e.node().node(), e.node().score())).toList(), page.pageInfo());
    }

    /** The folded words of the name, checked: at least one, at most {@value #MAX_WORDS}, within {@value #MAX_LENGTH} characters. */
    private static List<String> words(String name) {
        if (name != null && name.length() > MAX_LENGTH) {
            throw new InvalidArgumentException("name", "name.length", "must be at most " + MAX_LENGTH
                    + " characters, not " + name.length());
        }
        List<String> words = Transliteration.searchTokens(name);
        if (words.isEmpty()) {
            throw new InvalidArgumentException("name", "required", "must contain at least one letter");
        }
        if (words.size() > MAX_WORDS) {
            throw new InvalidArgumentException("name", "name.words", "must have at most " + MAX_WORDS
                    + " words, not " + words.size());
        }
        return words;
    }

    private static Position position(Cursor cursor, List<String> words) {
        if (!cursor.key(0).equals(String.join(" ", words))) {
            throw new InvalidArgumentException("after", "cursor", "belongs to a search for other words");
        }
        try {
            return new Position(Double.parseDouble(cursor.key(1)), cursor.key(2));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("after", "cursor",
                    "is not a cursor this query returned; pass the endCursor of the previous page");
        }
    }

    /**
     * Finds candidates only: every word must match; longer words may be off by more letters (Lucene's
     * fuzzy edit distance). Words are lower-case ASCII letters and digits, so nothing needs escaping.
     */
    static String luceneQuery(List<String> words) {
        return String.join(" AND ", words.stream()
                .map(t -> t.length() >= 7 ? t + "~2" : t.length() >= 4 ? t + "~1" : t)
                .toList());
    }

    /** A scored candidate, ordered best first, then by id. */
    private record Position(double score, String personId) {

        static final Comparator<Position> ORDER = Comparator.comparingDouble(Position::score).reversed()
                .thenComparing(Position::personId);

        boolean isAfter(Position other) {
            return ORDER.compare(this, other) > 0;
        }
    }

    record PersonMatch(Person node, double score) {
    }

    /** The schema's PersonConnection: its edges carry the match score next to the person. */
    record SearchResults(List<SearchEdge> edges, Connection.PageInfo pageInfo) {
    }

    record SearchEdge(String cursor, Person node, double score) {
    }
}
