package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub's jar as the image starts it (Dockerfile): extracted ({@code -Djarmode=tools extract}), with
 * the class-data cache of a training run that starts a hub on a throw-away data directory and stops it
 * once ready ({@code hub.exit-when-ready}). Made once per build of the jar, in target/benchmarks/cds/,
 * by the JDK that runs the harness (a cache only fits the JDK that made it): JDK 25's AOT cache
 * (JEP 483/515, classes loaded and linked, method profiles), on JDK 21 a dynamic CDS archive.
 * <p>
 * Two shapes, as the image has two (deploy/image/): a hub with its embedded Neo4j, and a hub given a
 * graph by {@code NEO4J_URI}, trained against that graph. A JVM starting from a cache loads every class
 * the training run loaded: the embedded shape's cache holds Neo4j's own classes, which a hub on another
 * graph would map, relocate and keep resident for nothing (about 150 MB, docs/benchmarks/where-the-time-goes.md).
 */
record ClassDataCache(Path jar, String option) {

    static ClassDataCache of(Path builtJar, Path work) throws IOException, InterruptedException {
        return of(builtJar, work, null);
    }

    /** The cache for a hub on its embedded Neo4j ({@code neo4jUri} null) or on the graph at {@code neo4jUri}. */
    static ClassDataCache of(Path builtJar, Path work, String neo4jUri) throws IOException, InterruptedException {
        String build = builtJar.getFileName().toString().replaceAll("\\.jar$", "") + "-" + Files.getLastModifiedTime(builtJar).toMillis()
                + "-" + Files.size(builtJar) + "-jdk" + Runtime.version().feature();
        Path directory = work.resolve("cds").resolve(build);
        Path jar = directory.resolve("app").resolve(builtJar.getFileName());
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = directory.resolve((neo4jUri == null ? "hub" : "hub-external") + (aot ? ".aot" : ".jsa"));
        var made = new ClassDataCache(jar, (aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
        if (Files.exists(cache)) {
            return made;
        }
        Files.createDirectories(directory);
        // extracted once per build: a cache made earlier checks the extracted jar's time and size
        if (!Files.exists(jar)) {
            run(directory.resolve("extract.log"), List.of(Hub.java(), "-Djarmode=tools", "-jar", builtJar.toString(),
                    "extract", "--force", "--destination", directory.resolve("app").toString()), null, null);
        }
        Path data = Files.createTempDirectory(work, "training-");
        List<String> training = new ArrayList<>(List.of(Hub.java()));
        training.addAll(List.of(Hub.jvmOptions().split(" ")));
        training.addAll(List.of((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache,
                "-Dhub.exit-when-ready=true", "-jar", jar.toString(), "--server.port=0", "--logging.level.root=WARN"));
        System.out.println("Training the class-data cache for " + builtJar.getFileName() + " (once per build, a few minutes)");
        try {
            run(directory.resolve(neo4jUri == null ? "training.log" : "training-external.log"), training, data, neo4jUri);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("the training run wrote no cache; see " + directory.resolve("training.log"));
        }
        return made;
    }

    private static void run(Path log, List<String> command, Path data, String neo4jUri) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (data != null) {
            builder.environment().put("HUB_DATA_DIR", data.toString());
            builder.environment().put("HUB_EMBEDDED_BOLT_PORT", "0");
            if (neo4jUri != null) {
                builder.environment().put("NEO4J_URI", neo4jUri);
            }
        }
        var process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
