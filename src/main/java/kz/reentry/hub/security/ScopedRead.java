package kz.reentry.hub.security;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cypher read that returns persons, or rows that hang off persons, and so must be filtered by the
 * caller's rows. The template names where: {@code {rows of p}} becomes the caller's condition on the
 * person variable {@code p} (a template without one is refused when the class that holds it loads).
 * {@link PersonScope#condition} is not reachable from other packages: this is the only way to splice it,
 * and a read cannot be rendered without a scope.
 */
public final class ScopedRead {

    private static final Pattern ROWS = Pattern.compile("\\{rows of ([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern EMERGENCIES = Pattern.compile("\\{emergencies of ([A-Za-z_][A-Za-z0-9_]*)}");

    private final String template;

    private ScopedRead(String template) {
        if (!ROWS.matcher(template).find() && !EMERGENCIES.matcher(template).find()) {
            throw new IllegalArgumentException("A scoped read must say which persons it filters, as {rows of <variable>}"
                    + " (or which emergencies, as {emergencies of <variable>}): " + template);
        }
        this.template = template;
    }

    public static ScopedRead of(String template) {
        return new ScopedRead(template);
    }

    /**
     * The Cypher with every {@code {rows of x}} replaced by the scope's condition on {@code x}; an
     * {@code {emergencies of e}} without an emergency scope is {@code false} (fail closed).
     */
    public String cypher(PersonScope scope) {
        return cypher(scope, EmergencyScope.NOBODY);
    }

    /** The Cypher with the persons' and the emergencies' (E7) conditions spliced in. */
    public String cypher(PersonScope scope, EmergencyScope emergencies) {
        String persons = ROWS.matcher(template).replaceAll(match -> Matcher.quoteReplacement(scope.condition(match.group(1))));
        return EMERGENCIES.matcher(persons).replaceAll(match -> Matcher.quoteReplacement(emergencies.condition(match.group(1))));
    }

    /** The read's own parameters with the scope's. */
    public Map<String, Object> parameters(PersonScope scope, Map<String, Object> own) {
        return scope.addedTo(own);
    }

    /** The read's own parameters with the persons' and the emergencies' scopes'. */
    public Map<String, Object> parameters(PersonScope scope, EmergencyScope emergencies, Map<String, Object> own) {
        Map<String, Object> all = scope.addedTo(own);
        all.putAll(emergencies.parameters());
        return all;
    }
}
