package kz.reentry.hub.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.types.MapAccessor;

/**
 * A batch read by keys ({@code UNWIND $keys AS key ... RETURN a AS x, b AS y [ORDER BY ...]}) with the
 * function that maps one of its rows, so that the same Cypher can run on its own (with its keys as a
 * parameter) or inside a larger statement as a {@code CALL} subquery over keys that statement has
 * bound ({@link #inline}), whose rows come back as one ordered list of maps. One text for both ways,
 * so a read folded into another statement filters exactly as it does alone.
 */
public record KeyedRead<T>(String cypher, Function<MapAccessor, T> mapper) {

    private static final Pattern UNWIND = Pattern.compile("\\A\\s*UNWIND \\$[A-Za-z_][A-Za-z0-9_]* AS ([A-Za-z_][A-Za-z0-9_]*)\\s");
    private static final Pattern ALIAS = Pattern.compile("\\s+AS\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\z");

    public KeyedRead {
        if (!UNWIND.matcher(cypher).find() || !cypher.contains("RETURN ")) {
            throw new IllegalArgumentException("A keyed read starts with UNWIND $keys AS key and ends with a RETURN: " + cypher);
        }
        columns(cypher);
    }

    /**
     * The read as a subquery over the keys {@code keys} (a list expression of the enclosing statement,
     * whose variables it imports: {@code imports}), yielding one variable {@code name}: the rows, in the
     * read's own order, as maps of its columns.
     */
    public String inline(String imports, String keys, String name) {
        Matcher unwind = UNWIND.matcher(cypher);
        unwind.find();
        String body = "UNWIND " + keys + " AS " + unwind.group(1) + "\n" + cypher.substring(unwind.end());
        int returns = body.lastIndexOf("RETURN ");
        String map = String.join(", ", columns(cypher).stream().map(c -> "`" + c + "`: `" + c + "`").toList());
        return "CALL (" + imports + ") {\n" + body.substring(0, returns) + "WITH " + body.substring(returns + "RETURN ".length())
                + "\nRETURN collect({" + map + "}) AS " + name + "\n}\n";
    }

    /** The rows of an inlined read, mapped. */
    public List<T> rows(org.neo4j.driver.Value inlined) {
        return inlined.asList(row -> mapper.apply(row));
    }

    /** The names the RETURN clause gives its columns, in order. */
    static List<String> columns(String cypher) {
        String returned = cypher.substring(cypher.lastIndexOf("RETURN ") + "RETURN ".length());
        int order = returned.lastIndexOf("ORDER BY");
        if (order >= 0) {
            returned = returned.substring(0, order);
        }
        List<String> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= returned.length(); i++) {
            char c = i < returned.length() ? returned.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                Matcher alias = ALIAS.matcher(returned.substring(start, i));
                if (!alias.find()) {
                    throw new IllegalArgumentException("Every column of a keyed read is named (x AS name): "
                            + returned.substring(start, i).strip());
                }
                columns.add(alias.group(1));
                start = i + 1;
            }
        }
        return columns;
    }
}
