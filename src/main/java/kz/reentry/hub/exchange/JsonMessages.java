package kz.reentry.hub.exchange;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the small JSON messages of the intake routes (E4 outcomes, E8 lists, E9 arrivals) the same
 * way: one object or a rejection, blank text as absent, a date that cannot be read as a broken rule
 * of its own (so it is not reported again as missing).
 */
public final class JsonMessages {

    private JsonMessages() {
    }

    /** The body as one JSON object, or a rejection saying it is not one. */
    public static JsonNode object(JsonMapper json, String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (RuntimeException e) {
            // answered below, like any body that is not one object
        }
        throw new RecordRejectedException(null, new FieldError("$", "json", "the body is not a JSON object"));
    }

    /** The field's text, stripped; null when absent, null or blank. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString().strip();
    }

    /** The field's text; absent, it is a broken rule {@code required}. */
    public static String requiredText(JsonNode node, String field, List<FieldError> errors) {
        String value = optionalText(node, field);
        if (value == null) {
            errors.add(new FieldError(field, "required", "is required"));
        }
        return value;
    }

    /** The field's date (ISO); null when absent; unreadable, a broken rule {@code date} named by {@code path}. */
    public static LocalDate optionalDate(JsonNode node, String field, String path, List<FieldError> errors) {
        String text = optionalText(node, field);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path, "date", "a date such as 2027-04-01"));
            return null;
        }
    }

    /** The field's date; absent, a broken rule {@code required}. */
    public static LocalDate requiredDate(JsonNode node, String field, List<FieldError> errors) {
        if (requiredText(node, field, errors) == null) {
            return null;
        }
        return optionalDate(node, field, field, errors);
    }
}
