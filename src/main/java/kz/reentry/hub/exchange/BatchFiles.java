package kz.reentry.hub.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.graph.Cypher;
import org.apache.camel.Exchange;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch-file channel's steps, called from its Camel route: open a dropped file, hand its
 * records one by one to the exchange's record route, count what became of each, and keep the
 * progress in the graph (every few hundred records, and at the end) where GraphQL shows it.
 * Every record needs its own message id (a record without one is rejected), so the same file
 * dropped twice files nothing twice. When the file is done (or fails), a receipt naming what became
 * of each record goes to the penal system through the outbox, committed with the file's last state.
 */
@Component("batchFiles")
public class BatchFiles {

    static final String BATCH_ID = "hubBatchId";
    /** Receipts travel as part of the exchange they answer. */
    static final String RECEIPT_EXCHANGE = "E5";
    private static final int SAVE_EVERY = 500;
    private static final Logger log = LoggerFactory.getLogger(BatchFiles.class);

    /**
     * A file the hub was reading when it stopped was never moved, so it is read again from the start
     * after a restart; its earlier batch, left RUNNING, is closed as INTERRUPTED and names the new one.
     * The file route has one consumer, so a RUNNING batch of the same name cannot still be going.
     */
    private static final String START = """
            OPTIONAL MATCH (stopped:BatchFile {exchange: $exchange, name: $name, status: 'RUNNING'})
            SET stopped.status = 'INTERRUPTED', stopped.finishedAt = $now,
                stopped.error = 'the hub stopped before the end of the file; it was read again as batch ' + $id
            WITH count(stopped) AS interrupted
            CREATE (b:BatchFile {id: $id, exchange: $exchange, name: $name, sha256: $sha256, status: 'RUNNING',
                                 records: 0, accepted: 0, duplicates: 0, rejected: 0, startedAt: $now})
            """;
    private static final String SAVE = """
            MATCH (b:BatchFile {id: $id})
            SET b.records = $records, b.accepted = $accepted, b.duplicates = $duplicates, b.rejected = $rejected,
                b.status = $status, b.finishedAt = $finishedAt, b.error = $error
            """;
    private static final String LATEST = """
            MATCH (b:BatchFile)
            RETURN b ORDER BY b.startedAt DESC LIMIT $limit
            """;

    private final Driver driver;
    private final JsonMapper json;
    private final long maxBytes;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final String receiptRecipient;

    BatchFiles(Driver driver, JsonMapper json, @Value("${hub.intake.batch-max-size}") DataSize maxSize, Outbox outbox,
               @Value("${hub.intake.receipt-recipient}") String receiptRecipient) {
        this.outbox = outbox;
        this.receiptRecipient = receiptRecipient;
        this.driver = driver;
        this.json = json;
        this.maxBytes = maxSize.toBytes();
    }

    /** The route's first step: registers the file, before anything can go wrong with it. */
    public void start(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        String id = UUID.randomUUID().toString();
        String exchangeName = exchange.getMessage().getHeader(IntakeHeaders.EXCHANGE, String.class);
        String sha256 = BatchFileRecords.sha256(file);
        driver.executableQuery(START).withParameters(Map.of("id", id, "exchange", exchangeName,
                "name", file.getFileName().toString(), "sha256", sha256, "now", ZonedDateTime.now())).execute();
        running.put(id, new Progress(id, file.getFileName().toString(), sha256,
                exchange.getMessage().getHeader(IntakeHeaders.SENDER, String.class),
                exchange.getMessage().getHeader(IntakeHeaders.END_USER, String.class),
                exchange.getMessage().getHeader(IntakeHeaders.PURPOSE, String.class)));
        exchange.getMessage().setHeader(BATCH_ID, id);
    }

    /** The splitter's expression: the file's records one at a time, as JSON; one without a messageId is rejected downstream. */
    public Iterator<String> records(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        var progress = progress(exchange);
        String sha256 = progress.sha256;
        if (Files.size(file) > maxBytes) {
            throw new IOException(file.getFileName() + " is " + Files.size(file) + " bytes; at most " + maxBytes + " are accepted");
        }
        log.info("Batch file {} ({}) opened as {}", file.getFileName(), sha256, progress.id);
        var records = BatchFileRecords.open(file, "releaseRecord");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more) {
                    close(records);
                }
                return more;
            }

            @Override
            public String next() {
                return json.writeValueAsString(RecordTree.of(records.next(), json));
            }
        };
    }

    /** After a record was filed: ACCEPTED or DUPLICATE, from the receipt. */
    public void filed(Exchange exchange) {
        var progress = progress(exchange);
        var receipt = exchange.getMessage().getBody(DeadLetterReplay.Receipt.class);
        boolean duplicate = receipt != null && receipt.duplicate();
        (duplicate ? progress.duplicates : progress.accepted).incrementAndGet();
        progress.outcomes.add(new Outcome(receipt == null ? null : receipt.messageId(),
                duplicate ? "DUPLICATE" : "ACCEPTED", null, null));
        counted(progress);
    }

    /** After a record was rejected and dead-lettered. */
    public void rejected(Exchange exchange) {
        var progress = progress(exchange);
        progress.rejected.incrementAndGet();
        var rejection = exchange.getMessage().getBody(DeadLetterStore.Rejection.class);
        if (rejection != null) {
            progress.outcomes.add(new Outcome(rejection.messageId(), "REJECTED", rejection.deadLetterId(),
                    rejection.errors()));
        }
        counted(progress);
    }

    public void finished(Exchange exchange) {
        String id = exchange.getMessage().getHeader(BATCH_ID, String.class);
        var progress = id == null ? null : running.remove(id);
        if (progress != null) {
            close(progress, BatchFile.Status.DONE, null);
            log.info("Batch file {} done: {} records, {} accepted, {} duplicates, {} rejected", progress.name,
                    progress.records.get(), progress.accepted.get(), progress.duplicates.get(), progress.rejected.get());
        }
    }

    /** The file could not be read to the end (unreadable, too large, malformed XML, the graph unreachable). */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getHeader(BATCH_ID, String.class);
        var progress = id == null ? null : running.remove(id);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = cause == null ? "unknown" : cause.getMessage();
        if (progress != null) {
            close(progress, BatchFile.Status.FAILED, error);
            log.warn("Batch file {} failed and was moved aside: {}", progress.name, error);
        }
    }

    public List<BatchFile> latest(int limit) {
        return driver.executableQuery(LATEST).withParameters(Map.of("limit", limit)).withConfig(Cypher.READ).execute()
                .records().stream().map(BatchFiles::asBatchFile).toList();
    }

    private Progress progress(Exchange exchange) {
        return running.get(exchange.getMessage().getHeader(BATCH_ID, String.class));
    }

    private void counted(Progress progress) {
        long records = progress.records.incrementAndGet();
        if (records % SAVE_EVERY == 0) {
            save(progress, BatchFile.Status.RUNNING, null);
        }
        if (records % 1000 == 0) {
            log.info("Batch file {}: {} records so far", progress.name, records);
        }
    }

    private void save(Progress progress, BatchFile.Status status, String error) {
        driver.executableQuery(SAVE).withParameters(saved(progress, status, error)).execute();
    }

    /** The file's last state and its receipt to the sender, in one transaction (transactional outbox). */
    private void close(Progress progress, BatchFile.Status status, String error) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run(SAVE, saved(progress, status, error)).consume();
                outbox.enqueue(tx, new NewOutboundMessage(RECEIPT_EXCHANGE, receiptRecipient, null, null,
                        receipt(progress, status, error), progress.endUser, progress.purpose, progress.sender));
            });
        }
    }

    private String receipt(Progress progress, BatchFile.Status status, String error) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("receipt", "E5 batch file");
        content.put("batchFile", progress.id);
        content.put("file", progress.name);
        content.put("sha256", progress.sha256);
        content.put("status", status.name());
        content.put("error", error);
        content.put("records", progress.records.get());
        content.put("accepted", progress.accepted.get());
        content.put("duplicates", progress.duplicates.get());
        content.put("rejected", progress.rejected.get());
        content.put("outcomes", List.copyOf(progress.outcomes));
        return json.writeValueAsString(content);
    }

    private static Map<String, Object> saved(Progress progress, BatchFile.Status status, String error) {
        return Cypher.params("id", progress.id, "records", progress.records.get(),
                "accepted", progress.accepted.get(), "duplicates", progress.duplicates.get(),
                "rejected", progress.rejected.get(), "status", status.name(),
                "finishedAt", status == BatchFile.Status.RUNNING ? null : ZonedDateTime.now(), "error", error);
    }

    /** What became of one record, as the receipt tells the sender. */
    record Outcome(String messageId, String status, String deadLetterId, List<FieldError> errors) {
    }

    private static void close(BatchFileRecords records) {
        try {
            records.close();
        } catch (IOException e) {
            log.debug("closing a batch file", e);
        }
    }

    private static BatchFile asBatchFile(Record r) {
        var b = r.get("b");
        return new BatchFile(b.get("id").asString(), b.get("exchange").asString(null), b.get("name").asString(),
                b.get("sha256").asString(), BatchFile.Status.valueOf(b.get("status").asString()),
                b.get("records").asLong(), b.get("accepted").asLong(), b.get("duplicates").asLong(),
                b.get("rejected").asLong(), b.get("startedAt").asZonedDateTime(),
                b.get("finishedAt").isNull() ? null : b.get("finishedAt").asZonedDateTime(), b.get("error").asString(null));
    }

    private static final class Progress {
        final String id;
        final String name;
        final String sha256;
        final AtomicLong records = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final List<Outcome> outcomes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final String sender;
        final String endUser;
        final String purpose;

        Progress(String id, String name, String sha256, String sender, String endUser, String purpose) {
            this.id = id;
            this.name = name;
            this.sha256 = sha256;
            this.sender = sender;
            this.endUser = endUser;
            this.purpose = purpose;
        }
    }
}
