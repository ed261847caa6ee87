package kz.reentry.hub.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;

/**
 * The table of src/test/resources/security/operation-access.csv: which roles may call each root
 * operation, and, for the few whose check is not on the controller method, where it is.
 */
record OperationAccessMatrix(Map<String, Rule> rules) {

    private static final Pattern ROLE = Pattern.compile("hasRole\\('(\\w+)'\\)");

    /** @param roles the roles of which one is enough; "*" any authenticated client, "-" anyone */
    record Rule(String operation, Set<String> roles, String enforcedAt) {

        boolean allows(Iterable<String> clientRoles) {
            if (roles.contains("*") || roles.contains("-")) {
                return true;
            }
            for (String role : clientRoles) {
                if (roles.contains(role)) {
                    return true;
                }
            }
            return false;
        }
    }

    static OperationAccessMatrix load() {
        var resource = new ClassPathResource("security/operation-access.csv");
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("operation,"))
                    .forEach(line -> {
                        String[] cells = line.split(",", -1);
                        var rule = new Rule(cells[0].strip(), new TreeSet<>(Arrays.asList(cells[1].strip().split("\\|"))),
                                cells.length > 2 && !cells[2].isBlank() ? cells[2].strip() : null);
                        if (rules.put(rule.operation(), rule) != null) {
                            throw new IllegalStateException("operation-access.csv names " + rule.operation() + " twice");
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OperationAccessMatrix(rules);
    }

    /** The roles a @PreAuthorize expression allows, in the table's terms. */
    static Set<String> rolesOf(String preAuthorize) {
        if (preAuthorize.strip().equals("isAuthenticated()")) {
            return Set.of("*");
        }
        return ROLE.matcher(preAuthorize).results().map(match -> match.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
