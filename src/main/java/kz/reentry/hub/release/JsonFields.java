package kz.reentry.hub.release;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import kz.reentry.hub.exchange.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads typed fields out of a JSON tree and collects, rather than throws, what is missing or
 * malformed, so that a sender learns about every broken field of a record in one answer.
 */
final class JsonFields {

    static final int MAX_TEXT = 500;

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    /** The object at {@code path}, or an empty object (after noting the error) so reading can go on. */
    JsonNode object(JsonNode parent, String path) {
        JsonNode node = parent.get(leaf(path));
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, "required", "is required"));
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "type", "must be an object"));
            return JsonNodeFactory.instance.objectNode();
        }
        return node;
    }

    String requiredText(JsonNode parent, String path) {
        String text = optionalText(parent, path);
        if (text == null && !alreadyReported(path)) {
            errors.add(new FieldError(path, "required", "is required"));
        }
        return text;
    }

    String optionalText(JsonNode parent, String path) {
        if (alreadyReported(path)) {
            return null;
        }
        JsonNode node = parent.get(leaf(path));
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(path, "type", "must be a string"));
            return null;
        }
        String raw = node.asString();
        Optional<FieldError> unreadable = TextRules.unreadable(path, raw);
        if (unreadable.isPresent()) {
            errors.add(unreadable.get());
            return null;
        }
        // one spelling of each letter (ә as one code point, not а + combining mark), so that the same
        // name sent by two systems is the same text in the graph and in search
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (text.length() > MAX_TEXT) {
            errors.add(new FieldError(path, "length", "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        if (!text.isEmpty() && TextRules.onlyInvisible(text)) {
            errors.add(new FieldError(path, "text.invisible", "has no visible character"));
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    LocalDate requiredDate(JsonNode parent, String path) {
        String text = requiredText(parent, path);
        return text == null ? null : toDate(text, path);
    }

    LocalDate optionalDate(JsonNode parent, String path) {
        String text = optionalText(parent, path);
        return text == null ? null : toDate(text, path);
    }

    private LocalDate toDate(String text, String path) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path, "date.format", "must be a date as YYYY-MM-DD, not '" + text + "'"));
            return null;
        }
    }

    <E extends Enum<E>> E requiredEnum(JsonNode parent, String path, Class<E> type) {
        String text = requiredText(parent, path);
        return text == null ? null : toEnum(text, path, type);
    }

    /** The enum constant's name, or null when absent (or malformed, after noting the error). */
    <E extends Enum<E>> String optionalEnum(JsonNode parent, String path, Class<E> type) {
        String text = optionalText(parent, path);
        E value = text == null ? null : toEnum(text, path, type);
        return value == null ? null : value.name();
    }

    private <E extends Enum<E>> E toEnum(String text, String path, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, "enum", "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + text + "'"));
            return null;
        }
    }

    /** True when this field, or the object it belongs to, already has an error: one message per cause. */
    private boolean alreadyReported(String path) {
        return errors.stream().anyMatch(e -> e.field().equals(path) || path.startsWith(e.field() + "."));
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
