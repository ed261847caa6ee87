package kz.reentry.hub.exchange;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
import org.neo4j.driver.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch-file channel's steps, called from its Camel route: open a dropped file, hand its
 * records one by one to the exchange's record route, count what became of each, and keep the
 * progress in the graph (every few hundred records, and at the end) where GraphQL shows it.
 * Every record needs its own message id (a record without one is rejected), so the same file
 * dropped twice files nothing twice. When the file is done (or fails), a receipt goes to the penal
 * system through the outbox, committed with the file's last state: the counts, and the records that
 * were not accepted (up to {@value #LISTED_OUTCOMES}). Nothing is kept per record while a file is read,
 * so the heap does not grow with the file: every record is in the graph with its batch and place
 * (an InboundMessage when filed, a DeadLetter when rejected), where inboundMessages and deadLetters list
 * them by batch.
 */
@Component("batchFiles")
public class BatchFiles {

    static final String BATCH_ID = IntakeHeaders.BATCH_FILE;
    /** Receipts travel as part of the exchange they answer. */
    static final String RECEIPT_EXCHANGE = "E5";
    private static final int SAVE_EVERY = 500;
    /**
     * Records a receipt names one by one: those not accepted (rejected, with their dead letter, and
     * duplicates), in the file's order. The rest are counted (outcomesNotListed). A file of millions of
     * records once made a list of millions in the heap and a receipt of hundreds of MB as one outbox
     * message; a thousand lines is what a person correcting a file works through, and a file with more
     * rejections than that was most likely broken as a whole (wrong columns, wrong charset).
     */
    static final int LISTED_OUTCOMES = 1000;
    /**
     * Places in the file looked up at a time, as the reading gets there, when a batch carries on from
     * stopped ones (what they had filed or dead-lettered): one index seek per window, never the whole file.
     */
    static final int DONE_WINDOW = 1000;
    /**
     * Records filed in one transaction (see {@link #groups}): enough that a commit (~20 ms on a slow disk)
     * is shared by many records, few enough that a group filed again one at a time after a failure, or
     * again after a crash, costs little.
     */
    static final int GROUP_SIZE = 200;
    private static final Logger log = LoggerFactory.getLogger(BatchFiles.class);
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    /**
     * A file the hub was reading when it stopped was never moved, so it is read again after a restart;
     * its earlier batch was left RUNNING. The file route has one consumer, so a RUNNING batch of the
     * same name cannot still be going.
     */
    private static final String STOPPED = """
            MATCH (stopped:BatchFile {exchange: $exchange, name: $name, status: 'RUNNING'})
            RETURN stopped.id AS id, stopped.sha256 AS sha256, coalesce(stopped.resumes, []) AS resumes,
                   stopped.records AS records, stopped.accepted AS accepted, stopped.duplicates AS duplicates,
                   stopped.rejected AS rejected
            ORDER BY stopped.startedAt DESC
            """;
    /**
     * How many records the batches named had filed and dead-lettered, and the last place they got to,
     * counted in the graph (each place of a file is filed or dead-lettered by one batch of the chain at
     * most: a batch carrying on skips the places done before it, and a replay is not part of a batch).
     */
    static final String DONE_COUNTS = """
            CALL () {
              MATCH (m:InboundMessage) USING INDEX m:InboundMessage(batchFile, batchRecord)
              WHERE m.batchFile IN $batches AND m.batchRecord IS NOT NULL
              RETURN count(m) AS accepted, max(m.batchRecord) AS lastAccepted
            }
            CALL () {
              MATCH (d:DeadLetter) USING INDEX d:DeadLetter(batchFile, batchRecord)
              WHERE d.batchFile IN $batches AND d.batchRecord IS NOT NULL
              RETURN count(d) AS rejected, max(d.batchRecord) AS lastRejected
            }
            RETURN accepted, rejected, coalesce(lastAccepted, 0) AS lastAccepted, coalesce(lastRejected, 0) AS lastRejected
            """;
    /*
     * The statements over a batch's records name the (batchFile, batchRecord) index (V0019): left to the
     * statistics, the planner took the index on batchFile alone and filtered every record of the batch
     * by place (BatchRecordPlacesPlanIT).
     */
    /** What the batches named filed in a window of places (from, to]. */
    static final String FILED_IN = """
            MATCH (m:InboundMessage) USING INDEX m:InboundMessage(batchFile, batchRecord)
              WHERE m.batchFile IN $batches AND m.batchRecord > $from AND m.batchRecord <= $to
            RETURN m.batchRecord AS record
            """;
    /** What the batches named dead-lettered in a window of places (from, to]. */
    static final String REJECTED_IN = """
            MATCH (d:DeadLetter) USING INDEX d:DeadLetter(batchFile, batchRecord)
              WHERE d.batchFile IN $batches AND d.batchRecord > $from AND d.batchRecord <= $to
            RETURN d.batchRecord AS record, d.messageId AS messageId, d.id AS deadLetterId, d.errors AS errors
            """;
    /** The first records the batches named dead-lettered, in the file's order, for a receipt. */
    static final String REJECTED_FIRST = """
            MATCH (d:DeadLetter) USING INDEX d:DeadLetter(batchFile, batchRecord)
              WHERE d.batchFile IN $batches AND d.batchRecord IS NOT NULL
            RETURN d.batchRecord AS record, d.messageId AS messageId, d.id AS deadLetterId, d.errors AS errors
            ORDER BY d.batchRecord LIMIT $limit
            """;
    // the batch's own statements start from its id and keep their first plan (a replan of SAVE, at a
    // file's end, took 316 ms in a full run)
    /** The batch and the stopped batches it carries on from: whose records are its records. */
    private static final String CHAIN = Cypher.keepingPlan("""
            MATCH (b:BatchFile {id: $id})
            RETURN [b.id] + coalesce(b.resumes, []) AS batches
            """);
    private static final String INTERRUPTED = Cypher.keepingPlan("""
            MATCH (b:BatchFile {id: $id})
            SET b.status = 'INTERRUPTED', b.finishedAt = $now, b.error = $error, b.records = $records,
                b.accepted = $accepted, b.duplicates = $duplicates, b.rejected = $rejected
            """);
    private static final String START = """
            CREATE (b:BatchFile {id: $id, exchange: $exchange, name: $name, sha256: $sha256, status: 'RUNNING',
                                 records: 0, accepted: 0, duplicates: 0, rejected: 0, startedAt: $now,
                                 resumes: $resumes})
            """;
    private static final String SAVE = Cypher.keepingPlan("""
            MATCH (b:BatchFile {id: $id})
            SET b.records = $records, b.accepted = $accepted, b.duplicates = $duplicates, b.rejected = $rejected,
                b.status = $status, b.finishedAt = $finishedAt, b.error = $error
            """);
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
    private final Charset charset;

    BatchFiles(Driver driver, JsonMapper json, Outbox outbox, IntakeProperties intake) {
        this.charset = intake.batchCharset();
        this.outbox = outbox;
        this.receiptRecipient = intake.receiptRecipient();
        this.driver = driver;
        this.json = json;
        this.maxBytes = intake.batchMaxSize().toBytes();
    }

    /**
     * The route's first step: registers the file, before anything can go wrong with it. A batch of the
     * same file left RUNNING by a hub that stopped is closed as INTERRUPTED with what it had done; when
     * the file is the same (its SHA-256), the new batch carries on from it: the records it had filed
     * or dead-lettered are not sent through again, and the new batch answers for every record of the
     * file in one receipt. A different file under the same name is a new batch, and the stopped one
     * sends its own receipt.
     */
    public void start(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        String id = UUID.randomUUID().toString();
        String exchangeName = exchange.getMessage().getHeader(IntakeHeaders.EXCHANGE, String.class);
        String name = file.getFileName().toString();
        String sha256 = BatchFileRecords.sha256(file);
        var progress = new Progress(id, name, sha256, exchange.getMessage().getHeader(IntakeHeaders.SENDER, String.class),
                exchange.getMessage().getHeader(IntakeHeaders.END_USER, String.class),
                exchange.getMessage().getHeader(IntakeHeaders.PURPOSE, String.class));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                progress.resumes.clear();
                var stopped = tx.run(STOPPED, Map.of("exchange", exchangeName, "name", name)).list();
                for (var earlier : stopped) {
                    boolean resumed = progress.resumes.isEmpty() && sha256.equals(earlier.get("sha256").asString());
                    List<String> chain = new ArrayList<>(List.of(earlier.get("id").asString()));
                    chain.addAll(earlier.get("resumes").asList(org.neo4j.driver.Value::asString));
                    interrupted(tx, earlier, chain, progress, resumed);
                    if (resumed) {
                        progress.resumes.addAll(chain);
                    }
                }
                tx.run(START, Map.of("id", id, "exchange", exchangeName, "name", name, "sha256", sha256,
                        "now", ZonedDateTime.now(), "resumes", List.copyOf(progress.resumes))).consume();
            });
        }
        running.put(id, progress);
        exchange.getMessage().setHeader(BATCH_ID, id);
    }

    /**
     * Closes a batch the hub was reading when it stopped, with what it had done by then as the graph
     * knows it (every filed record carries its batch and place in the file).
     */
    private void interrupted(TransactionContext tx, Record earlier, List<String> chain, Progress next, boolean resumed) {
        Done done = doneCounts(tx, chain);
        long accepted = Math.max(earlier.get("accepted").asLong(0), done.accepted());
        long rejected = Math.max(earlier.get("rejected").asLong(0), done.rejected());
        long last = done.last();
        long records = Math.max(Math.max(earlier.get("records").asLong(0), last),
                accepted + rejected + earlier.get("duplicates").asLong(0));
        String error = resumed
                ? "the hub stopped before the end of the file; it was read again as batch " + next.id
                  + ", which takes over the records this one had filed or dead-lettered (up to record " + last
                  + ") and answers for every record of the file"
                : "the hub stopped before the end of the file; a different file of the same name was then read as batch "
                  + next.id;
        tx.run(INTERRUPTED, Cypher.params("id", earlier.get("id").asString(), "now", ZonedDateTime.now(), "error", error,
                "records", records, "accepted", accepted, "duplicates", records - accepted - rejected,
                "rejected", rejected)).consume();
        log.warn("Batch file {} ({}) was interrupted after {} records: {}", next.name, earlier.get("id").asString(),
                records, error);
        if (!resumed) {
            var stopped = new Progress(earlier.get("id").asString(), next.name, earlier.get("sha256").asString(),
                    next.sender, next.endUser, next.purpose);
            stopped.accepted.set(accepted);
            stopped.rejected.set(rejected);
            stopped.duplicates.set(records - accepted - rejected);
            stopped.records.set(records);
            for (var r : tx.run(REJECTED_FIRST, Map.of("batches", chain, "limit", LISTED_OUTCOMES)).list()) {
                stopped.list(rejectedOutcome(r));
            }
            enqueueReceipt(tx, stopped, BatchFile.Status.INTERRUPTED, error);
        }
    }

    /** How much the batches had done: records filed, dead-lettered, and the last place either got to. */
    record Done(long accepted, long rejected, long last) {
    }

    private static Done doneCounts(TransactionContext tx, List<String> batches) {
        var r = tx.run(DONE_COUNTS, Map.of("batches", batches)).single();
        return new Done(r.get("accepted").asLong(), r.get("rejected").asLong(),
                Math.max(r.get("lastAccepted").asLong(), r.get("lastRejected").asLong()));
    }

    /**
     * What the batches had done in the places (from, to], by place: ACCEPTED ones with their place only,
     * REJECTED ones with their dead letter and errors (a receipt names them). At most to - from entries.
     */
    private Map<Long, ListedOutcome> doneIn(List<String> batches, long from, long to) {
        Map<String, Object> window = Map.of("batches", batches, "from", from, "to", to);
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                Map<Long, ListedOutcome> done = new java.util.HashMap<>();
                for (var filed : tx.run(FILED_IN, window).list()) {
                    long place = filed.get("record").asLong();
                    done.put(place, new ListedOutcome(place, null, "ACCEPTED", null, null));
                }
                for (var rejected : tx.run(REJECTED_IN, window).list()) {
                    done.put(rejected.get("record").asLong(), rejectedOutcome(rejected));
                }
                return done;
            });
        }
    }

    private ListedOutcome rejectedOutcome(Record rejected) {
        return new ListedOutcome(rejected.get("record").asLong(), rejected.get("messageId").asString(null), "REJECTED",
                rejected.get("deadLetterId").asString(), json.readValue(rejected.get("errors").asString("[]"), ERRORS));
    }

    /** The batch and those it carries on from (their records are its records); empty when there is no such batch. */
    public List<String> chain(String id) {
        return driver.executableQuery(CHAIN).withParameters(Map.of("id", id)).withConfig(Cypher.READ).execute()
                .records().stream().findFirst().map(r -> r.get("batches").asList(org.neo4j.driver.Value::asString))
                .orElse(List.of());
    }

    /**
     * The file's records one at a time (the splitter takes them in {@link #groups}), as JSON with their place in the file;
     * one without a messageId is rejected downstream. The file is read once first, so one that cannot
     * be read to its end is refused whole (see {@link BatchFileContent}). Records that a batch this one
     * carries on from had already filed or dead-lettered are counted with their outcome, not sent again.
     */
    public Iterator<BatchRecord> records(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        var progress = progress(exchange);
        var content = BatchFileContent.of(file, charset, maxBytes);
        content.check();
        List<String> resumes = List.copyOf(progress.resumes);
        Done before = new Done(0, 0, 0);
        if (!resumes.isEmpty()) {
            try (var session = driver.session()) {
                before = session.executeRead(tx -> doneCounts(tx, resumes));
            }
        }
        long lastDone = before.last();
        log.info("Batch file {} ({}) opened as {}{}", file.getFileName(), progress.sha256, progress.id,
                resumes.isEmpty() ? "" : ", carrying on from " + resumes.getFirst() + " after "
                        + (before.accepted() + before.rejected()) + " records it had done");
        var records = BatchFileRecords.open(content.open(), content.kind(), "releaseRecord");
        return new Iterator<>() {
            private long place;
            /** What the stopped batches had done in the places (place, looked], looked up as the reading gets there. */
            private Map<Long, ListedOutcome> done = Map.of();
            private long looked;
            private BatchRecord next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public BatchRecord next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                BatchRecord current = next;
                next = advance();
                return current;
            }

            private BatchRecord advance() {
                while (records.hasNext()) {
                    var record = records.next();
                    ++place;
                    ListedOutcome before = null;
                    if (place <= lastDone) {
                        if (place > looked) {
                            looked = Math.min(place - 1 + DONE_WINDOW, lastDone);
                            done = doneIn(resumes, place - 1, looked);
                        }
                        before = done.get(place);
                    }
                    if (before == null) {
                        return new BatchRecord(place, json.writeValueAsString(RecordTree.of(record, json)));
                    }
                    if (before.status().equals("REJECTED")) {
                        progress.rejected.incrementAndGet();
                        progress.list(before);
                    } else {
                        progress.accepted.incrementAndGet();
                    }
                    counted(progress);
                }
                close(records);
                return null;
            }
        };
    }

    /**
     * The splitter's expression when the records are filed in groups: the file's records as {@link #records}
     * gives them, in consecutive groups of up to {@value #GROUP_SIZE}, in the file's order. A record that
     * cannot be read ends its group early; the failure comes on the next group, after the records before
     * it were handed on, as it would have come after them one at a time.
     */
    public Iterator<List<BatchRecord>> groups(Exchange exchange) throws IOException {
        Iterator<BatchRecord> records = records(exchange);
        return new Iterator<>() {
            private RuntimeException failure;

            @Override
            public boolean hasNext() {
                return failure != null || records.hasNext();
            }

            @Override
            public List<BatchRecord> next() {
                if (failure != null) {
                    RuntimeException failed = failure;
                    failure = null;
                    throw failed;
                }
                List<BatchRecord> group = new ArrayList<>();
                try {
                    while (group.size() < GROUP_SIZE && records.hasNext()) {
                        group.add(records.next());
                    }
                } catch (RuntimeException e) {
                    if (group.isEmpty()) {
                        throw e;
                    }
                    failure = e;
                }
                if (group.isEmpty()) {
                    throw new java.util.NoSuchElementException();
                }
                return group;
            }
        };
    }

    /** After the record at this place of the file was filed: ACCEPTED (counted) or DUPLICATE (counted, and listed), from its receipt. */
    public void filed(Exchange exchange, long place, FilingReceipt receipt) {
        var progress = progress(exchange);
        var outcome = RecordOutcome.filed(receipt);
        if ("DUPLICATE".equals(outcome.status())) {
            progress.duplicates.incrementAndGet();
            progress.list(ListedOutcome.of(place, outcome));
        } else {
            progress.accepted.incrementAndGet();
        }
        counted(progress);
    }

    /** After the record at this place of the file was rejected and dead-lettered: counted, and listed. */
    public void rejected(Exchange exchange, long place, DeadLetterStore.Rejection rejection) {
        var progress = progress(exchange);
        progress.rejected.incrementAndGet();
        if (rejection != null) {
            progress.list(ListedOutcome.of(place, RecordOutcome.rejected(rejection)));
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

    /**
     * The file was refused or could not be read to the end (empty, not a batch file, undecodable, too
     * large, malformed XML, the graph unreachable): FAILED with its reason, and a receipt. A file that
     * could not even be registered (unreadable) gets its batch here.
     */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getHeader(BATCH_ID, String.class);
        var progress = id == null ? null : running.remove(id);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = cause == null ? "unknown" : cause.getMessage();
        if (progress == null) {
            // the file could not even be registered (unreadable): it is answered all the same
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "unknown", String.class);
            progress = new Progress(UUID.randomUUID().toString(), name, "",
                    exchange.getMessage().getHeader(IntakeHeaders.SENDER, String.class),
                    exchange.getMessage().getHeader(IntakeHeaders.END_USER, String.class),
                    exchange.getMessage().getHeader(IntakeHeaders.PURPOSE, String.class));
            try {
                driver.executableQuery(START).withParameters(Map.of("id", progress.id,
                        "exchange", exchange.getMessage().getHeader(IntakeHeaders.EXCHANGE, "unknown", String.class),
                        "name", name, "sha256", "", "now", ZonedDateTime.now(), "resumes", List.of())).execute();
            } catch (RuntimeException unreachable) {
                log.warn("Batch file {} failed and was moved aside, and could not be recorded: {} ({})", name, error,
                        unreachable.getMessage());
                return;
            }
        }
        close(progress, BatchFile.Status.FAILED, error);
        log.warn("Batch file {} failed and was moved aside: {}", progress.name, error);
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
                enqueueReceipt(tx, progress, status, error);
            });
        }
    }

    private void enqueueReceipt(TransactionContext tx, Progress progress, BatchFile.Status status, String error) {
        outbox.enqueue(tx, new NewOutboundMessage(RECEIPT_EXCHANGE, receiptRecipient, null, null,
                receipt(progress, status, error), progress.endUser, progress.purpose, progress.sender));
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
        List<ListedOutcome> listed = progress.listed();
        content.put("outcomes", listed);
        content.put("outcomesNotListed", Math.max(0, progress.duplicates.get() + progress.rejected.get() - listed.size()));
        // where every record is, by place: the graph holds each with its batch (and the batches it carried on from)
        content.put("allRecords", "GraphQL inboundMessages(batchFile: \"" + progress.id + "\") lists the file's records"
                + " filed and rejected, deadLetters(batchFile: \"" + progress.id + "\") the rejected ones");
        return json.writeValueAsString(content);
    }

    private static Map<String, Object> saved(Progress progress, BatchFile.Status status, String error) {
        return Cypher.params("id", progress.id, "records", progress.records.get(),
                "accepted", progress.accepted.get(), "duplicates", progress.duplicates.get(),
                "rejected", progress.rejected.get(), "status", status.name(),
                "finishedAt", status == BatchFile.Status.RUNNING ? null : ZonedDateTime.now(), "error", error);
    }

    /** A record of a batch file as JSON, with its place in the file (the first record is 1). */
    public record BatchRecord(long place, String json) {
    }

    /** A line of a receipt: a record not accepted, with its place in the file (the first record is 1). */
    public record ListedOutcome(long record, String messageId, String status, String deadLetterId, List<FieldError> errors) {

        static ListedOutcome of(long place, RecordOutcome outcome) {
            return new ListedOutcome(place, outcome.messageId(), outcome.status(), outcome.deadLetterId(), outcome.errors());
        }
    }

    /** The receipt lines a running batch holds (at most {@value #LISTED_OUTCOMES}); -1 when it is not running. */
    int listedWhileRunning(String id) {
        var progress = running.get(id);
        return progress == null ? -1 : progress.listed().size();
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
        /** The first records not accepted, for the receipt: at most {@value #LISTED_OUTCOMES}, whatever the file's size. */
        private final List<ListedOutcome> listed = new ArrayList<>();
        final String sender;
        final String endUser;
        final String purpose;
        /** The stopped batches of the same file this one carries on from, the latest first. */
        final List<String> resumes = new ArrayList<>();

        Progress(String id, String name, String sha256, String sender, String endUser, String purpose) {
            this.id = id;
            this.name = name;
            this.sha256 = sha256;
            this.sender = sender;
            this.endUser = endUser;
            this.purpose = purpose;
        }

        synchronized void list(ListedOutcome outcome) {
            if (listed.size() < LISTED_OUTCOMES) {
                listed.add(outcome);
            }
        }

        synchronized List<ListedOutcome> listed() {
            return List.copyOf(listed);
        }
    }
}
