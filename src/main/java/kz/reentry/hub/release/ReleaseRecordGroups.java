package kz.reentry.hub.release;

import java.util.ArrayList;
import java.util.List;

import kz.reentry.hub.exchange.BatchFiles;
import kz.reentry.hub.exchange.DeadLetterStore;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.party.InstitutionRepository;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The batch-file channel's step for a group of consecutive records of a file
 * (camel-routes/e5-release-files.camel.yaml): each record read and validated as direct:release-record
 * does, the consecutive valid ones filed together ({@link ReleaseRecordStore#fileAll}), and each record,
 * in the file's order, counted on its batch or dead-lettered with its reasons, exactly as when the
 * records went one at a time. A failure that is not a rejection stops the file at its record, after
 * the records before it were answered.
 */
@Component("releaseRecordGroups")
public class ReleaseRecordGroups {

    private final ReleaseRecordReader reader;
    private final ReleaseRecordValidator validator;
    private final ReleaseRecordStore store;
    private final DeadLetterStore deadLetters;
    private final BatchFiles batchFiles;
    private final InstitutionRepository institutions;

    ReleaseRecordGroups(ReleaseRecordReader reader, ReleaseRecordValidator validator, ReleaseRecordStore store,
                        DeadLetterStore deadLetters, BatchFiles batchFiles, InstitutionRepository institutions) {
        this.institutions = institutions;
        this.reader = reader;
        this.validator = validator;
        this.store = store;
        this.deadLetters = deadLetters;
        this.batchFiles = batchFiles;
    }

    public void file(@Body List<BatchFiles.BatchRecord> group, Exchange exchange) {
        IntakeContext file = IntakeContext.of(exchange);
        // consecutive valid records, filed together; a refused record is answered after the ones before it
        List<ReleaseRecordStore.Pending> run = new ArrayList<>(group.size());
        // each record read first, so that whether its institution code is an agency's or NGO's is asked
        // for the whole group in one statement (a record that cannot be read is answered in its place below)
        List<Object> read = new ArrayList<>(group.size());
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (var record : group) {
            try {
                ReleaseRecord one = reader.read(record.json());
                read.add(one);
                if (one.institution() != null && one.institution().code() != null) {
                    codes.add(one.institution().code());
                }
            } catch (RuntimeException e) {
                read.add(e);
            }
        }
        java.util.Set<String> taken = codes.isEmpty() ? java.util.Set.of() : institutions.otherPartysCodes(codes);
        for (int i = 0; i < group.size(); i++) {
            var record = group.get(i);
            IntakeContext intake = file.forRecord(record.json(), record.place());
            ReleaseRecordStore.Pending pending;
            try {
                if (read.get(i) instanceof RuntimeException e) {
                    throw e;
                }
                pending = new ReleaseRecordStore.Pending(validator.validateInGroup((ReleaseRecord) read.get(i),
                        code -> codes.contains(code) ? taken.contains(code) : institutions.isOtherPartysCode(code)),
                        intake);
            } catch (RecordRejectedException e) {
                fileInOrder(run, exchange);
                run.clear();
                rejected(exchange, intake, e);
                continue;
            } catch (RuntimeException e) {
                fileInOrder(run, exchange);
                throw e;
            }
            run.add(pending);
        }
        fileInOrder(run, exchange);
    }

    /**
     * The records filed as groups, each answered in order as soon as its group committed; one the steps
     * reject is dead-lettered before the records after it are filed, so the batch's records filed or
     * dead-lettered are always a prefix of the file (what a batch resumed after a crash counts on).
     */
    private void fileInOrder(List<ReleaseRecordStore.Pending> run, Exchange exchange) {
        int from = 0;
        while (from < run.size()) {
            List<ReleaseRecordStore.Outcome> outcomes = store.fileAll(run.subList(from, run.size()));
            for (int k = 0; k < outcomes.size(); k++) {
                var outcome = outcomes.get(k);
                if (outcome.failed() != null) {
                    throw outcome.failed();
                }
                if (outcome.rejected() != null) {
                    rejected(exchange, run.get(from + k).intake(), outcome.rejected());
                } else {
                    batchFiles.filed(exchange, run.get(from + k).intake().batchRecord(), outcome.receipt());
                }
            }
            from += outcomes.size();
        }
    }

    /** Kept as a dead letter as the route's doCatch keeps a record rejected on its own (DeadLetterStore#keep(Exchange)). */
    private void rejected(Exchange exchange, IntakeContext record, RecordRejectedException e) {
        var headers = exchange.getMessage();
        var rejection = deadLetters.keep(new DeadLetterStore.Rejected(
                headers.getHeader(IntakeHeaders.EXCHANGE, "unknown", String.class),
                record.channel() == null ? "unknown" : record.channel(), record.sender() == null ? "unknown" : record.sender(),
                record.senderAgency(), e.messageId(), record.payload(), e.errors(),
                headers.getHeader(IntakeHeaders.REPLAY_TO, String.class), record.batchFile(), record.batchRecord()));
        batchFiles.rejected(exchange, record.batchRecord(), rejection);
    }
}
