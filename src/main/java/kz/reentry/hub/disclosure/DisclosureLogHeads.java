package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed heads of the disclosure log. RevisedEntity in the graph as DisclosureLogHead nodes, so the verifier
 * checks the log still reaches every head it published; the copy a receiver outside the hub holds
 * catches a log cut short together with those nodes ({@code verifyDisclosureLog(head:)}).
 */
@Component
public class DisclosureLogHeads {

    private static final String LAST_ENTRY = """
            MATCH (d:DisclosureEntry)
            RETURN d.seq AS seq, d.hash AS hash
            ORDER BY d.seq DESC LIMIT 1
            """;
    private static final String KEEP = """
            MERGE (h:DisclosureLogHead {seq: $seq})
            ON CREATE SET h.hash = $hash, h.at = $at, h.signed = $signed
            """;
    private static final String LATEST = "MATCH (h:DisclosureLogHead) RETURN max(h.at) AS at";

    private final DisclosureLogWriter writer;
    private final DisclosureHeadKey key;
    private final JsonMapper json;
    private final org.neo4j.driver.Driver driver;

    DisclosureLogHeads(DisclosureLogWriter writer, DisclosureHeadKey key, JsonMapper json, org.neo4j.driver.Driver driver) {
        this.writer = writer;
        this.key = key;
        this.json = json;
        this.driver = driver;
    }

    /**
     * Moves what the journal holds into the graph, then signs the last entry and keeps the head, inside
     * the caller's transaction (in which the caller also puts it in the outbox).
     */
    public DisclosureLogHead sign(TransactionContext tx) {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure journal could not be moved into the graph", e);
        }
        var last = tx.run(LAST_ENTRY).list();
        long seq = last.isEmpty() ? 0 : last.getFirst().get("seq").asLong();
        String hash = last.isEmpty() ? DisclosureEntry.GENESIS : last.getFirst().get("hash").asString();
        ZonedDateTime at = ZonedDateTime.now();
        String payload = json.writeValueAsString(Map.of("log", "reentry-hub disclosure log", "seq", seq, "hash", hash,
                "at", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        String signed = key.sign(payload);
        tx.run(KEEP, Map.of("seq", seq, "hash", hash, "at", at, "signed", signed)).consume();
        return new DisclosureLogHead(seq, hash, at, signed, key.publicJwk());
    }

    /** When the last head was signed; empty when none ever was. */
    public Optional<ZonedDateTime> latest() {
        var at = driver.executableQuery(LATEST).execute().records().getFirst().get("at");
        return at.isNull() ? Optional.empty() : Optional.of(at.asZonedDateTime());
    }

    /** The entry number and hash a head names, when this hub signed it; empty otherwise. */
    Optional<DisclosureLogRepository.Anchor> read(String signed) {
        return key.verified(signed).map(payload -> {
            var tree = json.readTree(payload);
            return new DisclosureLogRepository.Anchor(tree.get("seq").asLong(), tree.get("hash").asString());
        });
    }
}
