package kz.reentry.hub.release;

import java.util.Optional;

import kz.reentry.hub.exchange.FieldError;

/**
 * What a text field of a record may hold. Control characters (NUL, terminal escapes) and broken
 * UTF-16 (an unpaired surrogate, from a JSON escape of half a character) are never data: they end up in another
 * system's terminal, file or index and do harm there. Names are letters of the scripts the region
 * writes them in. Other intakes (the E4 vacancy feed) hold their texts to the same rules.
 */
public final class TextRules {

    private TextRules() {
    }

    /** The first control character or unpaired surrogate, as an error naming where it is. */
    public static Optional<FieldError> unreadable(String path, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(new FieldError(path, "text.encoding",
                        "has a broken character (an unpaired UTF-16 surrogate) at position " + (i + 1)));
            }
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of(new FieldError(path, "text.control",
                        "has a control character (U+%04X) at position %d".formatted((int) c, i + 1)));
            }
        }
        return Optional.empty();
    }

    /** True when no character would show: zero-width spaces, joiners, marks of direction, blanks. */
    public static boolean onlyInvisible(String text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT);
    }

    /**
     * A name: letters of the Cyrillic script (Kazakh ә ғ қ ң ө ұ ү һ і among them) or the Latin one,
     * words joined by a space, a hyphen or an apostrophe (Д'Артаньян, Әбу-Бәкір).
     */
    static boolean isName(String text) {
        return text.codePoints().allMatch(cp -> (Character.isLetter(cp) && isScriptOfTheRegion(cp))
                || cp == ' ' || cp == '-' || cp == '\'' || cp == '\u2019' || cp == '\u02BC');
    }

    private static boolean isScriptOfTheRegion(int codePoint) {
        var script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.LATIN;
    }
}
