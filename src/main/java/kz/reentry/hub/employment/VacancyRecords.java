package kz.reentry.hub.employment;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.release.TextRules;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one record of the vacancy feed (docs/exchanges/e4.md, "Vacancies"): every broken rule is
 * reported at once, with the field, a stable rule code and a message, and a record that breaks any is
 * not applied. The same rules hold for JSON and CSV, whose values all come as text.
 */
@Component
class VacancyRecords {

    /** The fields of a vacancy record, in the order of a CSV header. */
    static final List<String> HEADER = List.of("id", "status", "employer", "position", "speciality", "occupationCode",
            "qualificationLevel", "region", "district", "salary", "currency", "conditions", "acceptsCriminalRecord",
            "openedOn");
    static final Set<String> FIELDS = Set.copyOf(HEADER);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");
    /** The national classifier of occupations (НКЗ, after ISCO-08): four digits, then its sub-codes. */
    private static final Pattern OCCUPATION_CODE = Pattern.compile("[0-9]{4}(?:[-.][0-9]{1,4}){0,3}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MAX_SALARY = 1_000_000_000L;

    private final RegionRepository regions;
    private final VacancyRepository vacancies;

    VacancyRecords(RegionRepository regions, VacancyRepository vacancies) {
        this.regions = regions;
        this.vacancies = vacancies;
    }

    /**
     * A record that keeps the rules: an open vacancy with the values to store (every field, null when
     * absent, so that an update clears what the feed no longer says) and their hash, or a closure.
     */
    record Checked(String id, boolean closed, Map<String, Object> values, String hash) {
    }

    /** The record checked; a record that breaks a rule is rejected with every broken rule. */
    Checked check(ObjectNode record) {
        List<FieldError> errors = new ArrayList<>();
        record.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "field.unknown", "is not a field of a vacancy; the fields are " + HEADER));
            }
        });
        String id = text(record, "id", 64, true, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "vacancy.id", "letters, digits and . _ : / -, starting with a letter or digit"));
        }
        String status = text(record, "status", 16, true, errors);
        boolean closed = "CLOSED".equalsIgnoreCase(status);
        if (status != null && !closed && !"OPEN".equalsIgnoreCase(status)) {
            errors.add(new FieldError("status", "vacancy.status", "OPEN or CLOSED (a closed vacancy is removed)"));
        }
        if (closed || status == null) {
            // a closure needs only the id: nothing else of it is kept
            return checked(id, true, Map.of(), errors);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("employer", text(record, "employer", 300, true, errors));
        values.put("position", text(record, "position", 300, true, errors));
        int before = errors.size();
        String speciality = text(record, "speciality", 300, false, errors);
        String occupationCode = text(record, "occupationCode", 32, false, errors);
        if (speciality == null && occupationCode == null && errors.size() == before) {
            errors.add(new FieldError("speciality", "vacancy.speciality", "name the speciality, the occupation code, or both"));
        }
        if (occupationCode != null && !OCCUPATION_CODE.matcher(occupationCode).matches()) {
            errors.add(new FieldError("occupationCode", "vacancy.occupationCode",
                    "a code of the national classifier of occupations, such as 7212 or 7212-1-003"));
        }
        values.put("speciality", speciality);
        values.put("occupationCode", occupationCode);
        Long level = number(record, "qualificationLevel", 1, 8, errors);
        values.put("qualificationLevel", level);
        String region = text(record, "region", 16, true, errors);
        if (region != null && !regions.exists(region)) {
            errors.add(new FieldError("region", "region.unknown",
                    "'" + region + "' is not a region code of the hub's reference data (ISO 3166-2, such as KZ-75)"));
        }
        String district = text(record, "district", 32, false, errors);
        if (district != null) {
            String regionOfDistrict = vacancies.districtRegions().get(district);
            if (regionOfDistrict == null) {
                errors.add(new FieldError("district", "district.unknown",
                        "'" + district + "' is not a district code of the hub's reference data (such as KZ-75-ALM)"));
            } else if (region != null && !regionOfDistrict.equals(region)) {
                errors.add(new FieldError("district", "district.region", "'" + district + "' lies in " + regionOfDistrict
                        + ", not in " + region));
            }
        }
        values.put("regionCode", region);
        values.put("districtCode", district);
        values.put("salary", number(record, "salary", 0, MAX_SALARY, errors));
        String currency = text(record, "currency", 3, false, errors);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldError("currency", "currency", "an ISO 4217 code in capitals, such as KZT"));
        }
        values.put("currency", currency);
        values.put("conditions", text(record, "conditions", 2000, false, errors));
        values.put("acceptsCriminalRecord", bool(record, "acceptsCriminalRecord", errors));
        values.put("openedOn", date(record, "openedOn", errors));
        return checked(id, false, values, errors);
    }

    private static Checked checked(String id, boolean closed, Map<String, Object> values, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(id, errors);
        }
        // the same values in any key order, from JSON or CSV, hash the same: an unchanged vacancy is seen as such
        return new Checked(id, closed, values, closed ? null : Sha256.hex(new TreeMap<>(values).toString()));
    }

    /** Text, stripped and NFC-normalised; a number is taken as its digits (an id or code a sender wrote unquoted). */
    private static String text(ObjectNode record, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "required", "is required"));
            }
            return null;
        }
        if (!node.isString() && !node.isNumber()) {
            errors.add(new FieldError(field, "type", "is text, not " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
            return null;
        }
        String text = Normalizer.normalize(node.asString().strip(), Normalizer.Form.NFC);
        var unreadable = TextRules.unreadable(field, text);
        if (unreadable.isPresent()) {
            errors.add(unreadable.get());
            return null;
        }
        if (TextRules.onlyInvisible(text)) {
            errors.add(new FieldError(field, "text.invisible", "holds only invisible characters"));
            return null;
        }
        if (text.length() > max) {
            errors.add(new FieldError(field, "length", "at most " + max + " characters, not " + text.length()));
            return null;
        }
        return text;
    }

    private static Long number(ObjectNode record, String field, long min, long max, List<FieldError> errors) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        long value;
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                value = node.asLong();
            } else if (node.isString() && node.asString().strip().matches("[0-9]{1,18}")) {
                value = Long.parseLong(node.asString().strip());
            } else {
                errors.add(new FieldError(field, "number", "a whole number"));
                return null;
            }
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "number", "a whole number"));
            return null;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "range", "between " + min + " and " + max + ", not " + value));
            return null;
        }
        return value;
    }

    private static Boolean bool(ObjectNode record, String field, List<FieldError> errors) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.isString() ? node.asString().strip().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        errors.add(new FieldError(field, "boolean", "true or false (empty: the employer does not say)"));
        return null;
    }

    private static LocalDate date(ObjectNode record, String field, List<FieldError> errors) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(node.asString().strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "date", "a date such as 2027-04-01"));
            return null;
        }
        if (date.isBefore(LocalDate.of(2000, 1, 1)) || date.isAfter(LocalDate.now().plusYears(1))) {
            errors.add(new FieldError(field, "dates.range", "between 2000-01-01 and a year from today, not " + date));
            return null;
        }
        return date;
    }
}
