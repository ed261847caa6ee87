package kz.reentry.hub.release;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import kz.reentry.hub.exchange.BatchFiles;
import kz.reentry.hub.exchange.DeadLetterStore;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.RecordRejectedException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The batch-file channel's step for a group of consecutive records of a file
 * (camel-routes/e5-release-files.camel.yaml): each record read and validated as direct:release-record
 * does, the valid ones filed together ({@link ReleaseRecordStore#fileAll}), then, in the file's order,
 * each record counted on its batch or dead-lettered with its reasons, exactly as when the records went
 * one at a time. A failure that is not a rejection stops the file at its record, after the records
 * before it were answered.
 */
@Component("releaseRecordGroups")
public class ReleaseRecordGroups {

    private final ReleaseRecordReader reader;
    private final ReleaseRecordValidator validator;
    private final ReleaseRecordStore store;
    private final DeadLetterStore deadLetters;
    private final BatchFiles batchFiles;

    ReleaseRecordGroups(ReleaseRecordReader reader, ReleaseRecordValidator validator, ReleaseRecordStore store,
                        DeadLetterStore deadLetters, BatchFiles batchFiles) {
        this.reader = reader;
        this.validator = validator;
        this.store = store;
        this.deadLetters = deadLetters;
        this.batchFiles = batchFiles;
    }

    public void file(@Body List<BatchFiles.BatchRecord> group, Exchange exchange) {
        IntakeContext file = IntakeContext.of(exchange);
        // per record: the record to file, or the reason it was refused before filing
        List<Object> read = new ArrayList<>(group.size());
        List<ReleaseRecordStore.Pending> valid = new ArrayList<>(group.size());
        RuntimeException stopped = null;
        for (var record : group) {
            try {
                var pending = new ReleaseRecordStore.Pending(validator.validate(reader.read(record.json())),
                        file.forRecord(record.json(), record.place()));
                valid.add(pending);
                read.add(pending);
            } catch (RecordRejectedException e) {
                read.add(e);
            } catch (RuntimeException e) {
                stopped = e;
                break;
            }
        }
        Iterator<ReleaseRecordStore.Outcome> filed = store.fileAll(valid).iterator();
        for (int i = 0; i < read.size(); i++) {
            var record = group.get(i);
            if (read.get(i) instanceof RecordRejectedException refused) {
                rejected(exchange, file, record, refused);
                continue;
            }
            var outcome = filed.next();
            if (outcome.failed() != null) {
                throw outcome.failed();
            }
            if (outcome.rejected() != null) {
                rejected(exchange, file, record, outcome.rejected());
            } else {
                batchFiles.filed(exchange, outcome.receipt());
            }
        }
        if (stopped != null) {
            throw stopped;
        }
    }

    /** Kept as a dead letter as the route's doCatch keeps a record rejected on its own (DeadLetterStore#keep(Exchange)). */
    private void rejected(Exchange exchange, IntakeContext file, BatchFiles.BatchRecord record, RecordRejectedException e) {
        var headers = exchange.getMessage();
        var rejection = deadLetters.keep(new DeadLetterStore.Rejected(
                headers.getHeader(IntakeHeaders.EXCHANGE, "unknown", String.class),
                file.channel() == null ? "unknown" : file.channel(), file.sender() == null ? "unknown" : file.sender(),
                file.senderAgency(), e.messageId(), record.json(), e.errors(),
                headers.getHeader(IntakeHeaders.REPLAY_TO, String.class), file.batchFile(), record.place()));
        batchFiles.rejected(exchange, rejection);
    }
}
