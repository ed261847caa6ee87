package kz.reentry.hub.person;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names between scripts. {@link #latin} writes a Cyrillic name (Russian and Kazakh letters) in
 * passport-style ASCII Latin (Жұмабекова → Zhumabekova); {@link #searchTokens} folds a name in either
 * script to lower-case ASCII words, so that Жұмабекова, Жумабекова and Zhumabekova all meet.
 */
public final class Transliteration {

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('ә', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"),
            Map.entry('ғ', "g"), Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"),
            Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "i"), Map.entry('к', "k"), Map.entry('қ', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('ң', "n"), Map.entry('о', "o"),
            Map.entry('ө', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ұ', "u"), Map.entry('ү', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"),
            Map.entry('һ', "h"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "shch"),
            Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('і', "i"), Map.entry('ь', ""), Map.entry('э', "e"),
            Map.entry('ю', "iu"), Map.entry('я', "ia"));

    private Transliteration() {
    }

    /** The name in ASCII Latin letters, capitalised like the original; null stays null. */
    public static String latin(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            char lower = Character.toLowerCase(c);
            String mapped = LETTERS.get(lower);
            if (mapped == null) {
                out.append(c);
            } else if (Character.isUpperCase(c) && !mapped.isEmpty()) {
                out.append(Character.toUpperCase(mapped.charAt(0))).append(mapped.substring(1));
            } else {
                out.append(mapped);
            }
        }
        return out.toString();
    }

    /** Lower-case ASCII words of a name in any script, with diacritics (ä, ş, ñ, ū...) dropped. */
    public static List<String> searchTokens(String text) {
        if (text == null) {
            return List.of();
        }
        String ascii = Normalizer.normalize(latin(text.toLowerCase(Locale.ROOT)), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace('ı', 'i');
        return Arrays.stream(ascii.split("[^a-z0-9]+")).filter(t -> !t.isEmpty()).toList();
    }

    /** The words of several names as one space-separated string, for the full-text index. */
    public static String searchField(String... names) {
        return String.join(" ", Arrays.stream(names).flatMap(n -> searchTokens(n).stream()).distinct().toList());
    }
}
