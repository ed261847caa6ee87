package kz.reentry.hub.graph;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.reentry.hub.Sha256;

/**
 * One Cypher script of {@code graph-model/migrations}: versioned ({@code V0001__Description.cypher},
 * applied once, never edited) or repeatable ({@code R__Description.cypher}, applied again whenever
 * its checksum changes; reference data lives there).
 */
record Migration(String name, String version, String description, String script) {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.cypher");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.cypher");
    /** A statement ends with a semicolon at the end of a line. */
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(\\R|$)");

    static Migration of(String fileName, String script) {
        Matcher versioned = VERSIONED.matcher(fileName);
        if (versioned.matches()) {
            return new Migration(fileName, versioned.group(1), describe(versioned.group(2)), script);
        }
        Matcher repeatable = REPEATABLE.matcher(fileName);
        if (repeatable.matches()) {
            return new Migration(fileName, null, describe(repeatable.group(1)), script);
        }
        throw new IllegalStateException("Not a migration file name: " + fileName
                + " (expected V0001__Description.cypher or R__Description.cypher)");
    }

    boolean repeatable() {
        return version == null;
    }

    String checksum() {
        return Sha256.hex(script);
    }

    List<String> statements() {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("//"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(STATEMENT_END.split(withoutComments))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ');
    }
}
