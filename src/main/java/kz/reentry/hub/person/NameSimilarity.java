package kz.reentry.hub.person;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How well the words of a search match one person's names, computed from those two alone, so the
 * score says nothing about anybody else in the graph (unlike a full-text engine's, whose term
 * statistics count every indexed person, hidden ones too). Words are compared folded to ASCII
 * ({@link Transliteration#searchTokens}), so the script and the Kazakh letters make no difference.
 *
 * <p>For each spelling of the person (the registered name, the recorded variants, both together):
 * each query word takes its closest name word, similarity {@code 1 - distance / longer length}
 * (optimal string alignment distance: an insertion, deletion, substitution or swap of neighbours
 * counts 1); the mean over the query words is multiplied by {@code 0.9 + 0.1 * coverage}, the share
 * of the spelling's words some query word took. The score is the best spelling's, rounded to 4
 * places: 1 for exactly the name, less for a typo, slightly less for a name the query covers in part.
 */
final class NameSimilarity {

    private NameSimilarity() {
    }

    static double score(List<String> query, List<String> nameWords, List<String> variantWords) {
        double best = 0;
        for (List<String> spelling : List.of(nameWords, variantWords,
                Stream.concat(nameWords.stream(), variantWords.stream()).distinct().toList())) {
            best = Math.max(best, score(query, spelling));
        }
        return Math.round(best * 10_000) / 10_000.0;
    }

    private static double score(List<String> query, List<String> spelling) {
        if (query.isEmpty() || spelling.isEmpty()) {
            return 0;
        }
        double total = 0;
        Set<Integer> taken = new HashSet<>();
        for (String word : query) {
            int closest = 0;
            double closestSimilarity = -1;
            for (int i = 0; i < spelling.size(); i++) {
                double similarity = similarity(word, spelling.get(i));
                if (similarity > closestSimilarity) {
                    closest = i;
                    closestSimilarity = similarity;
                }
            }
            taken.add(closest);
            total += closestSimilarity;
        }
        double coverage = (double) taken.size() / spelling.size();
        return total / query.size() * (0.9 + 0.1 * coverage);
    }

    static double similarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - (double) distance(a, b) / longer;
    }

    /** Optimal string alignment distance (Levenshtein with swaps of neighbouring letters), as Lucene's fuzzy query counts. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
