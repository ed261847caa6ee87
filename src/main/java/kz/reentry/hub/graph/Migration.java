package kz.reentry.hub.graph;

import java.util.ArrayList;
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
    /** A schema command (constraint or index), which may share a transaction only with other schema commands. */
    private static final Pattern SCHEMA_COMMAND = Pattern.compile(
            "(?is)^(CREATE|DROP)\\s+(OR\\s+REPLACE\\s+)?(\\w+\\s+)?(CONSTRAINT|INDEX)\\b.*");

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

    /**
     * The statements in the transactions they run in: consecutive schema commands together, consecutive
     * data statements together. Neo4j refuses a transaction that mixes the two; grouping the rest saves
     * a commit (a forced write of the transaction log) per statement, most of an empty graph's start.
     */
    List<List<String>> transactions() {
        List<List<String>> transactions = new ArrayList<>();
        Boolean previousSchema = null;
        for (String statement : statements()) {
            boolean schema = SCHEMA_COMMAND.matcher(statement).matches();
            if (previousSchema == null || schema != previousSchema) {
                transactions.add(new ArrayList<>());
            }
            transactions.getLast().add(statement);
            previousSchema = schema;
        }
        return transactions;
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ');
    }
}
