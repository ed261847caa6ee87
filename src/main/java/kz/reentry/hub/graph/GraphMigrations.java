package kz.reentry.hub.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Shapes the database at start-up, before any route or query runs ({@link GraphGate}): applies the
 * versioned scripts of {@code graph-model/migrations} in order, each once, and re-applies repeatable
 * ones whose content changed. A versioned script edited after it was applied stops the start,
 * because the database no longer matches what the repository says it is.
 */
final class GraphMigrations {

    private static final Logger log = LoggerFactory.getLogger(GraphMigrations.class);
    private static final String LOCATION = "classpath*:graph-model/migrations/*.cypher";

    private static final String APPLIED_CHECKSUMS = """
            MATCH (m:__Migration)
            RETURN m.name AS name, m.checksum AS checksum
            """;
    private static final String RECORD_APPLIED = """
            MERGE (m:__Migration {name: $name})
            SET m.version = $version, m.description = $description,
                m.checksum = $checksum, m.appliedAt = $appliedAt
            """;

    private GraphMigrations() {
    }

    static void apply(Driver driver) {
        List<Migration> migrations = load();
        try (Session session = driver.session(); var lock = MigrationLock.take(session)) {
            // what is applied, read once under the lock: what another instance applied before is not applied again
            Map<String, String> applied = session.executeRead(tx -> tx.run(APPLIED_CHECKSUMS).stream()
                    .collect(Collectors.toMap(r -> r.get("name").asString(), r -> r.get("checksum").asString())));
            for (Migration migration : migrations) {
                if (!migration.checksum().equals(applied.get(migration.name())) && !lock.takeOrRenew()) {
                    throw new IllegalStateException("The migration lock was taken by another instance after its lease of "
                            + MigrationLock.LEASE + " ran out; start again once it is done");
                }
                apply(session, migration, applied.get(migration.name()));
            }
        }
    }

    private static void apply(Session session, Migration migration, String applied) {
        String checksum = migration.checksum();
        if (checksum.equals(applied)) {
            return;
        }
        if (applied != null && !migration.repeatable()) {
            throw new IllegalStateException("Migration " + migration.name()
                    + " was changed after it was applied; add a new versioned migration instead");
        }
        log.info("Applying graph migration {}", migration.name());
        // Schema commands cannot share a transaction with data writes: each run of one kind commits alone;
        // every statement is written to be safe to run again (IF NOT EXISTS, MERGE).
        for (List<String> transaction : migration.transactions()) {
            session.executeWriteWithoutResult(tx -> transaction.forEach(statement -> tx.run(statement).consume()));
        }
        session.executeWriteWithoutResult(tx -> tx.run(RECORD_APPLIED, Map.of(
                "name", migration.name(),
                "version", migration.version() == null ? "R" : migration.version(),
                "description", migration.description(),
                "checksum", checksum,
                "appliedAt", ZonedDateTime.now())));
    }

    /** Versioned scripts by version number, then repeatable ones by name. */
    private static List<Migration> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            return Arrays.stream(resources)
                    .map(GraphMigrations::read)
                    .sorted(Comparator.comparing(Migration::repeatable)
                            .thenComparing(m -> m.repeatable() ? 0L : Long.parseLong(m.version()))
                            .thenComparing(Migration::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Migration read(Resource resource) {
        try {
            return Migration.of(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
