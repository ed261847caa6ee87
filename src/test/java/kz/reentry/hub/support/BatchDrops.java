package kz.reentry.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import tools.jackson.databind.JsonNode;

/**
 * A sender of E5 batch files as the penal system's integrators drop them: the file written beside the
 * watched directory and moved in at once, then followed in {@code batchFiles} until the hub is done
 * with it. Also writes the records out as the CSV and XML the channel reads.
 */
public final class BatchDrops {

    public static final List<String> COLUMNS = List.of("messageId", "person.iin", "person.surname", "person.givenName",
            "person.patronymic", "person.birthDate", "person.citizenship", "institution.code", "institution.name",
            "institution.region", "custody.article", "custody.court", "custody.termStart", "custody.termEnd",
            "release.date", "release.type", "release.residenceRegion");

    private final Path directory;
    private final Supplier<List<JsonNode>> batchFiles;

    /** @param batchFiles the {@code batchFiles} query (graphql-test/batchFiles.graphql) as some client runs it */
    public BatchDrops(Path directory, Supplier<List<JsonNode>> batchFiles) {
        this.directory = directory;
        this.batchFiles = batchFiles;
    }

    /** The watched directory of the hub's file route. */
    public static Path directoryOf(CamelContext camel) {
        var endpoint = (FileEndpoint) camel.getRoute("e5-release-data-files").getEndpoint();
        return endpoint.getFile().toPath().toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** Written beside the directory and moved in at once, as a sender should, so it is never read half-written. */
    public Path drop(String name, byte[] content) throws IOException {
        Files.createDirectories(directory);
        Path staged = Files.write(directory.resolveSibling(name + ".part"), content);
        return Files.move(staged, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's batch once the hub has finished with it (any status but RUNNING). */
    public JsonNode awaitBatch(String name, Duration patience) {
        return await().atMost(patience).pollInterval(Duration.ofMillis(250))
                .until(() -> batch(name, null), found -> found != null);
    }

    /** The newest batch of this file name, of the given status (any status but RUNNING when null); null if none. */
    public JsonNode batch(String name, String status) {
        return batchFiles.get().stream()
                .filter(b -> b.get("name").asString().equals(name))
                .filter(b -> status == null ? !b.get("status").asString().equals("RUNNING")
                        : b.get("status").asString().equals(status))
                .findFirst().orElse(null);
    }

    public List<JsonNode> batchFiles() {
        return batchFiles.get();
    }

    public static String csv(List<ReleaseRecords> records) {
        return csv(records, COLUMNS);
    }

    /** The records as CSV with these columns; a field a record does not have is left empty. */
    public static String csv(List<ReleaseRecords> records, List<String> columns) {
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        for (var record : records) {
            text.append(columns.stream().map(column -> record.has(column) ? quoted(record.get(column)) : "")
                    .collect(Collectors.joining(","))).append('\n');
        }
        return text.toString();
    }

    /** The records as an XML batch file with the given declaration (the first line). */
    public static String xml(String declaration, List<ReleaseRecords> records) {
        StringBuilder xml = new StringBuilder(declaration).append("\n<releaseRecords>\n");
        records.forEach(record -> xml.append(xmlRecord(record)));
        return xml.append("</releaseRecords>\n").toString();
    }

    public static String xmlRecord(ReleaseRecords record) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (String column : COLUMNS.subList(1, COLUMNS.size())) {
            String[] parts = column.split("\\.");
            groups.computeIfAbsent(parts[0], key -> new LinkedHashMap<>()).put(parts[1], record.get(column));
        }
        StringBuilder xml = new StringBuilder("  <releaseRecord>\n    <messageId>" + record.get("messageId") + "</messageId>\n");
        groups.forEach((group, fields) -> {
            xml.append("    <").append(group).append('>');
            fields.forEach((field, value) -> xml.append('<').append(field).append('>').append(value)
                    .append("</").append(field).append('>'));
            xml.append("</").append(group).append(">\n");
        });
        return xml.append("  </releaseRecord>\n").toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
