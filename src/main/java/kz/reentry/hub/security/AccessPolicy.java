package kz.reentry.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The access policy of schema/access-policy.yaml: which persons each kind of party sees, and which
 * fields some kinds may not see. Read once at start-up; a file that does not parse stops the start.
 */
@Component
public class AccessPolicy {

    static final String LOCATION = "graphql/access-policy.yaml";

    private final Map<String, PersonRows> rows = new HashMap<>();
    private final Map<String, FieldRule> fields = new HashMap<>();
    private final SmallCells smallCells;
    /** Party kinds that may know a HEALTH referral exists; null: the policy does not limit it. */
    private final Set<String> healthReferralsSeenBy;
    /** Party kinds that see only the referrals they sent or receive. */
    private final Set<String> ownReferralsOnly;
    /** Which emergencies (E7) each kind sees; a kind not named sees none. */
    private final Map<String, EmergencyScope.Rows> emergencies = new HashMap<>();

    AccessPolicy() {
        this(load());
    }

    @SuppressWarnings("unchecked")
    AccessPolicy(Map<String, Object> document) {
        ((Map<String, String>) document.get("persons")).forEach((kind, rule) -> rows.put(kind, PersonRows.valueOf(rule)));
        for (Map<String, Object> entry : (List<Map<String, Object>>) document.get("fields")) {
            String[] typeAndField = ((String) entry.get("field")).split("\\.");
            var rule = new FieldRule(typeAndField[0], typeAndField[1], (String) entry.get("when"),
                    (List<String>) entry.getOrDefault("hiddenFrom", List.of()),
                    (List<String>) entry.getOrDefault("onlyFor", List.of()), (String) entry.get("reason"));
            if (fields.put(entry.get("field").toString(), rule) != null) {
                // two entries would leave one silently unapplied (a merge can make them)
                throw new IllegalStateException("The access policy has two rules for " + entry.get("field"));
            }
        }
        var cells = (Map<String, Object>) document.get("smallCells");
        smallCells = new SmallCells((Integer) cells.get("threshold"), Set.copyOf((List<String>) cells.get("exactFor")),
                Set.copyOf((List<String>) cells.get("fields")));
        var health = (Map<String, Object>) document.get("healthReferrals");
        healthReferralsSeenBy = health == null ? null : Set.copyOf((List<String>) health.get("seenBy"));
        var referrals = (Map<String, Object>) document.get("referrals");
        ownReferralsOnly = referrals == null ? Set.of()
                : Set.copyOf((List<String>) referrals.get("onlyOwnFor"));
        var emergencyRows = (Map<String, String>) document.get("emergencies");
        if (emergencyRows != null) {
            emergencyRows.forEach((kind, rule) -> emergencies.put(kind, EmergencyScope.Rows.valueOf(rule)));
        }
    }

    /** Which emergencies (E7) a party of this kind sees; a kind the policy does not name sees none. */
    public EmergencyScope.Rows emergencyRows(String partyKind) {
        return partyKind == null ? EmergencyScope.Rows.NONE : emergencies.getOrDefault(partyKind, EmergencyScope.Rows.NONE);
    }

    /** Whether a party of this kind sees only the referrals it sent or receives of the persons it sees. */
    public boolean seesOnlyOwnReferrals(String partyKind) {
        return partyKind != null && ownReferralsOnly.contains(partyKind);
    }

    /** Whether a party of this kind may know that any HEALTH referral exists (not only its own). */
    public boolean seesHealthReferrals(String partyKind) {
        return healthReferralsSeenBy == null || partyKind != null && healthReferralsSeenBy.contains(partyKind);
    }

    public SmallCells smallCells() {
        return smallCells;
    }

    /**
     * Counts of persons that could single out persons (docs/adr/0007). Parties named in exactFor get
     * them exact; every other party gets 0 as 0, a count from 1 to threshold-1 withheld, and any other
     * count randomly rounded to a multiple of the threshold by its cell key, so that no sum or
     * difference of the counts it can ask for is a small cell.
     */
    public record SmallCells(int threshold, Set<String> exactFor, Set<String> fields) {

        public boolean covers(String field) {
            return fields.contains(field);
        }

        public boolean isExactFor(String partyKind) {
            return partyKind != null && exactFor.contains(partyKind);
        }

        /** What a party of this kind is told of the count; empty when it is withheld as a small cell. */
        public Optional<Integer> published(CellCount count, String partyKind) {
            if (isExactFor(partyKind) || count.value() == 0) {
                return Optional.of(count.value());
            }
            return count.value() < threshold ? Optional.empty() : Optional.of(count.roundedTo(threshold));
        }
    }

    /** Which persons a party of this kind sees; a kind the policy does not name sees nobody. */
    public PersonRows personRows(String partyKind) {
        return partyKind == null ? PersonRows.NONE : rows.getOrDefault(partyKind, PersonRows.NONE);
    }

    public Optional<FieldRule> fieldRule(String type, String field) {
        return Optional.ofNullable(fields.get(type + "." + field));
    }

    private static Map<String, Object> load() {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The access policy " + LOCATION + " could not be read", e);
        }
    }
}
