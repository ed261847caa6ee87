package kz.reentry.hub.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Release records as the penal system would post them: a valid one for a new person, which a test
 * then bends with {@link #set} or {@link #remove} into the case it is about.
 */
public final class ReleaseRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> record;

    private ReleaseRecords(Map<String, Object> record) {
        this.record = record;
    }

    /** A valid record for a new man born 1990-05-17, released on the given date into Almaty (KZ-75). */
    public static ReleaseRecords validRelease(LocalDate releaseDate) {
        LocalDate birthDate = LocalDate.of(1990, 5, 17);
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("iin", TestIins.forBirthDate(birthDate));
        person.put("surname", "Жұмабекова");
        person.put("givenName", "Әйгерім");
        person.put("patronymic", "Серікқызы");
        person.put("birthDate", birthDate.toString());
        person.put("citizenship", "KZ");
        Map<String, Object> institution = new LinkedHashMap<>(Map.of(
                "code", "UK-161-2", "name", "Учреждение УК-161/2", "region", "KZ-35"));
        Map<String, Object> custody = new LinkedHashMap<>(Map.of(
                "article", "188 ч.2", "court", "Сарыаркинский районный суд г. Астаны",
                "termStart", releaseDate.minusYears(4).toString(), "termEnd", releaseDate.toString()));
        Map<String, Object> release = new LinkedHashMap<>(Map.of(
                "date", releaseDate.toString(), "type", "END_OF_TERM", "residenceRegion", "KZ-75"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", "test-" + UUID.randomUUID());
        record.put("person", person);
        record.put("institution", institution);
        record.put("custody", custody);
        record.put("release", release);
        return new ReleaseRecords(record);
    }

    /** Sets a field by its dotted path, such as {@code person.iin}. */
    public ReleaseRecords set(String path, Object value) {
        parentOf(path).put(leaf(path), value);
        return this;
    }

    public ReleaseRecords remove(String path) {
        parentOf(path).remove(leaf(path));
        return this;
    }

    /** The same record as a new message, as a corrected record would be sent. */
    public ReleaseRecords newMessage() {
        return set("messageId", "test-" + UUID.randomUUID());
    }

    public String get(String path) {
        return String.valueOf(parentOf(path).get(leaf(path)));
    }

    public boolean has(String path) {
        return parentOf(path).get(leaf(path)) != null;
    }

    public String iin() {
        return get("person.iin");
    }

    public String json() {
        return JSON.writeValueAsString(record);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parentOf(String path) {
        Map<String, Object> node = record;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
