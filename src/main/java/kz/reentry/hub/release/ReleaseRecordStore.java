package kz.reentry.hub.release;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.InboundMessageLog;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.history.RevisedWrite;
import kz.reentry.hub.history.RevisionDiff;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.person.ReportedPersons;
import kz.reentry.hub.state.PersonStateKind;
import kz.reentry.hub.state.PersonStateRepository;
import kz.reentry.hub.territory.RegionRepository;
import org.neo4j.driver.Driver;
import org.springframework.context.ApplicationEventPublisher;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files a valid E5 release record in one transaction, as a sequence of steps each owned by the package
 * whose nodes it writes: the message log (exchange), the person (person), the institution (party), the
 * custody episode and planned release (release), the custody state (state), the E1 duty (release), and
 * the log entry of the accepted message; and, when the record reports a release that happened, the
 * release itself (custody closed, the states it opens, the E2 and E9 duties) as recordRelease records it. Each merges on its key, so the same record twice changes
 * nothing, and a corrected record keeps the values it replaces as revisions.
 */
@Component("releaseRecordStore")
public class ReleaseRecordStore {

    static final String EXCHANGE = "E5";
    /** What an E5 record writes, for the disclosure log. */
    private static final List<String> WRITTEN_FIELDS = List.of("Person", "CustodyEpisode", "PlannedRelease",
            "Institution", "PersonState", "Obligation");
    private static final String RELEASE_RECORDED = "RETURN EXISTS { (:PersonState {id: $id}) } AS recorded";
    private static final String CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed";
    private static final Logger log = LoggerFactory.getLogger(ReleaseRecordStore.class);

    private final Driver driver;
    private final InboundMessageLog inboundMessages;
    private final ReportedPersons persons;
    private final InstitutionRepository institutions;
    private final CustodyRecords custody;
    private final PersonStateRepository states;
    private final ReleaseNotices notices;
    private final DisclosureJournal disclosures;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final ReleaseRecording recording;
    private final RegionRepository regions;
    private final MessageTraces traces;

    ReleaseRecordStore(Driver driver, InboundMessageLog inboundMessages, ReportedPersons persons,
                       InstitutionRepository institutions, CustodyRecords custody, PersonStateRepository states,
                       ReleaseNotices notices, DisclosureJournal disclosures, JsonMapper json,
                       ApplicationEventPublisher events, ReleaseRecording recording, RegionRepository regions,
                       MessageTraces traces) {
        this.traces = traces;
        this.events = events;
        this.recording = recording;
        this.regions = regions;
        this.driver = driver;
        this.inboundMessages = inboundMessages;
        this.persons = persons;
        this.institutions = institutions;
        this.custody = custody;
        this.states = states;
        this.notices = notices;
        this.disclosures = disclosures;
        this.json = json;
    }

    /**
     * A validated record waiting to be filed with others, and what its channel says about it; the trace of
     * the request that brought it when it is filed on another thread (null: the trace in scope).
     */
    public record Pending(ReleaseRecord record, IntakeContext intake, String traceparent) {

        public Pending(ReleaseRecord record, IntakeContext intake) {
            this(record, intake, null);
        }
    }

    /**
     * What became of one record of a group: filed (its receipt, ACCEPTED or DUPLICATE), rejected (to be
     * dead-lettered by the channel, as a rejection on its own would be), or a failure that stops the
     * channel at this record, as it would have stopped filing one record at a time.
     */
    public record Outcome(IntakeReceipt receipt, RecordRejectedException rejected, RuntimeException failed) {

        static Outcome filed(IntakeReceipt receipt) {
            return new Outcome(receipt, null, null);
        }

        static Outcome rejected(RecordRejectedException rejected) {
            return new Outcome(null, rejected, null);
        }

        static Outcome failed(RuntimeException failed) {
            return new Outcome(null, null, failed);
        }
    }

    /**
     * Files a group of validated records (a batch file's, or those that arrived together on the other
     * channels: {@link ReleaseRecordFiler}), in their order, in one transaction, up to the first record that
     * is rejected: each record by the same steps as a record on its own ({@link #fileIn}), so a record
     * sees what the records before it in the group wrote (a messageId sent twice is a DUPLICATE or
     * messageId.reused, a correction filed after the record it corrects wins). The disclosure entries
     * and ReleaseChanged events follow the commit, in order.
     * <p>
     * A record the steps reject rolls the group back; the records before it are filed again together
     * (they saw the same graph, so they file the same) and the outcomes end with that record's
     * rejection: the caller dead-letters it, then files the rest, so that at every moment what the
     * graph holds of a batch file is a prefix of it, every record of which was filed or dead-lettered
     * (what a batch resumed after a crash counts on). When the group's transaction fails otherwise (a
     * constraint, the database), its records are filed one at a time, each in its own transaction, up
     * to the first that is rejected or fails: a bad record is answered alone and never undoes or holds
     * back another; a failure that is not a rejection stops the channel at that record, as it did when
     * every record went alone.
     *
     * @return the outcomes of the first records of the group, in order: all of them filed, or the last
     *         one rejected or failed (never empty for a group that is not)
     */
    public List<Outcome> fileAll(List<Pending> group) {
        if (group.size() == 1) {
            return oneAtATime(group);
        }
        try {
            List<IntakeReceipt> receipts = fileTogether(group);
            List<Outcome> outcomes = new ArrayList<>(group.size());
            for (int k = 0; k < receipts.size(); k++) {
                outcomes.add(Outcome.filed(receipts.get(k)));
                filed(receipts.get(k), group.get(k));
            }
            return outcomes;
        } catch (RejectedInGroup e) {
            List<Outcome> before = e.index == 0 ? new ArrayList<>() : new ArrayList<>(fileAll(group.subList(0, e.index)));
            if (before.size() == e.index && (before.isEmpty() || before.getLast().receipt() != null)) {
                before.add(Outcome.rejected(e.rejection));
            }
            return before;
        } catch (RuntimeException e) {
            log.debug("A group of {} E5 records failed as one transaction ({}); filing them one at a time",
                    group.size(), e.toString());
            return oneAtATime(group);
        }
    }

    /** Each record in its own transaction, up to the first rejected or failed. */
    private List<Outcome> oneAtATime(List<Pending> group) {
        List<Outcome> outcomes = new ArrayList<>(group.size());
        for (Pending one : group) {
            try {
                IntakeReceipt receipt = file(one.record(), one.intake(), one.traceparent());
                outcomes.add(Outcome.filed(receipt));
                filed(receipt, one);
            } catch (RecordRejectedException e) {
                outcomes.add(Outcome.rejected(e));
                break;
            } catch (RuntimeException e) {
                outcomes.add(Outcome.failed(e));
                break;
            }
        }
        return outcomes;
    }

    /**
     * The group in one transaction; a rejected record rolls it back, naming its place in the group. The
     * group is cut into runs of consecutive records that share no key ({@link #runs}), each filed by
     * the set-based steps ({@link #fileRun}) after the run before it, so a record still sees what the
     * records before it wrote; a record that reports a release that happened is filed alone by the
     * steps of a record on its own ({@link #fileIn}).
     */
    private List<IntakeReceipt> fileTogether(List<Pending> group) {
        List<String[]> hashes = group.stream().map(this::hashes).toList();
        try (var session = driver.session()) {
            return traces.continuing(group.getFirst().traceparent(), "file " + EXCHANGE + " records",
                    group.getFirst().record().messageId(), () -> session.executeWrite(tx -> {
                        List<IntakeReceipt> receipts = new ArrayList<>(group.size());
                        for (var run : runs(group)) {
                            if (run.size() == 1 || run.getFirst().record().release().happened()) {
                                int i = receipts.size();
                                var one = group.get(i);
                                try {
                                    // in the trace of its own request, so that what it queues carries that trace
                                    receipts.add(traces.continuing(one.traceparent(), "file " + EXCHANGE + " record",
                                            one.record().messageId(),
                                            () -> fileIn(tx, one.record(), one.intake(), hashes.get(i)[0], hashes.get(i)[1])));
                                } catch (RecordRejectedException e) {
                                    throw new RejectedInGroup(i, e);
                                }
                            } else {
                                receipts.addAll(fileRun(tx, run, hashes.subList(receipts.size(), receipts.size() + run.size()),
                                        receipts.size()));
                            }
                        }
                        return receipts;
                    }));
        }
    }

    /**
     * The group cut into runs of consecutive records in which no two records share a message id, a
     * person (and so an episode, a planned release, a notice, a state), or an institution reported
     * differently; a record that reports a release that happened is a run of its own.
     */
    static List<List<Pending>> runs(List<Pending> group) {
        List<List<Pending>> runs = new ArrayList<>();
        List<Pending> run = new ArrayList<>();
        var messageIds = new java.util.HashSet<String>();
        var persons = new java.util.HashSet<String>();
        Map<String, ReleaseRecord.InstitutionData> institutions = new java.util.HashMap<>();
        boolean previousAlone = false;
        for (Pending one : group) {
            var record = one.record();
            var institution = record.institution();
            var reported = institutions.get(institution.code());
            boolean alone = record.release().happened();
            if (!run.isEmpty() && (alone || previousAlone || messageIds.contains(record.messageId())
                    || persons.contains(record.person().iin())
                    || (reported != null && !reported.equals(institution)))) {
                runs.add(run);
                run = new ArrayList<>();
                messageIds.clear();
                persons.clear();
                institutions.clear();
            }
            run.add(one);
            messageIds.add(record.messageId());
            persons.add(record.person().iin());
            institutions.put(institution.code(), institution);
            previousAlone = alone;
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /**
     * A run of records that share no key ({@link #runs}), none reporting a release that happened, filed
     * by the steps of {@link #fileIn} each taken for the whole run at once: about twenty statements for
     * the run, whatever its size. A message received before is answered record by record as in fileIn
     * (a DUPLICATE, or messageId.reused).
     *
     * @param first the place of the run's first record in the group, for a rejection
     */
    private List<IntakeReceipt> fileRun(TransactionContext tx, List<Pending> run, List<String[]> hashes, int first) {
        var earlier = inboundMessages.earlierAll(tx, run.stream().map(p -> p.record().messageId()).toList());
        IntakeReceipt[] receipts = new IntakeReceipt[run.size()];
        List<Integer> fresh = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            var one = run.get(i);
            var before = earlier.get(one.record().messageId());
            if (before == null) {
                fresh.add(i);
                continue;
            }
            try {
                receipts[i] = duplicate(one.record(), before.sameAs(hashes.get(i)[0], hashes.get(i)[1]));
            } catch (RecordRejectedException e) {
                throw new RejectedInGroup(first + i, e);
            }
            inboundMessages.recordDuplicate(tx, one.record().messageId(), one.intake().channel(), one.intake().sender(),
                    ZonedDateTime.now());
        }
        if (fresh.isEmpty()) {
            return List.of(receipts);
        }
        List<RevisedWrite.Source> sources = new ArrayList<>(fresh.size());
        List<CustodyRecords.Sourced> sourced = new ArrayList<>(fresh.size());
        List<ReportedPersons.Reported> reported = new ArrayList<>(fresh.size());
        List<InstitutionRepository.Reported> institutionsReported = new ArrayList<>(fresh.size());
        for (int i : fresh) {
            var record = run.get(i).record();
            var source = new RevisedWrite.Source(record.messageId(), ZonedDateTime.now());
            sources.add(source);
            sourced.add(new CustodyRecords.Sourced(record, source));
            reported.add(new ReportedPersons.Reported(reported(record.person()), source));
            var institution = record.institution();
            institutionsReported.add(new InstitutionRepository.Reported(institution.code(), institution.name(),
                    institution.region(), institution.type(), institution.securityLevel()));
        }
        var filedPersons = persons.fileAll(tx, reported);
        institutions.fileAllAsReported(tx, institutionsReported);
        var episodes = custody.fileEpisodes(tx, sourced);
        var plannedReleases = custody.filePlannedReleases(tx, sourced);
        List<PersonStateRepository.NewState> custodyStates = new ArrayList<>(fresh.size());
        List<ReleaseNotices.Owed> owed = new ArrayList<>(fresh.size());
        for (int k = 0; k < fresh.size(); k++) {
            var one = run.get(fresh.get(k));
            String personId = filedPersons.get(k).personId();
            custodyStates.add(custodyState(one.record(), personId, one.intake().sender()));
            owed.add(new ReleaseNotices.Owed(one.record(), personId, one.intake().endUser(), one.intake().purpose(),
                    one.intake().sender(), one.traceparent()));
        }
        states.recordAll(tx, custodyStates);
        notices.oweAll(tx, owed);
        List<InboundMessageLog.AcceptedAt> accepted = new ArrayList<>(fresh.size());
        for (int k = 0; k < fresh.size(); k++) {
            int i = fresh.get(k);
            var record = run.get(i).record();
            var intake = run.get(i).intake();
            Map<String, RevisionDiff.Outcome> changes = new LinkedHashMap<>();
            changes.put("person", filedPersons.get(k).outcome());
            changes.put("custodyEpisode", episodes.get(k));
            changes.put("plannedRelease", plannedReleases.get(k));
            var receipt = acceptedReceipt(record, filedPersons.get(k).personId(), changes);
            receipts[i] = receipt;
            accepted.add(new InboundMessageLog.AcceptedAt(logEntry(record, intake, receipt, hashes.get(i)[0], hashes.get(i)[1]),
                    sources.get(k).now()));
        }
        inboundMessages.recordAllAccepted(tx, accepted);
        return List.of(receipts);
    }

    /** A record of a group the filing steps rejected: the group's transaction is rolled back. */
    private static final class RejectedInGroup extends RuntimeException {

        private final int index;
        private final RecordRejectedException rejection;

        RejectedInGroup(int index, RecordRejectedException rejection) {
            super(rejection.getMessage(), null, false, false);
            this.index = index;
            this.rejection = rejection;
        }
    }

    /**
     * {@link #filed(IntakeReceipt, IntakeContext)} in the trace of the request that brought the record, when
     * it was filed on another thread, so that what follows from the change (a handoff it brings due) is in
     * that trace too.
     */
    private void filed(IntakeReceipt receipt, Pending pending) {
        if (pending.traceparent() == null) {
            filed(receipt, pending.intake());
            return;
        }
        traces.continuing(pending.traceparent(), "after " + EXCHANGE + " record filed", receipt.messageId(), () -> {
            filed(receipt, pending.intake());
            return null;
        });
    }

    /** After a record's transaction committed: who wrote whose data (the disclosure log), and what changed. */
    private void filed(IntakeReceipt receipt, IntakeContext intake) {
        if (receipt.status() == IntakeReceipt.Status.ACCEPTED
                && (receipt.changes().get("plannedRelease") == RevisionDiff.Outcome.UPDATED
                || receipt.changes().get("release") == RevisionDiff.Outcome.CREATED)) {
            events.publishEvent(new ReleaseChanged(receipt.personId()));
        }
        if (receipt.personId() != null) {
            disclosures.append(DisclosureEntry.by(intake.actingClient(), intake.actingAgency())
                    .forWhom(intake.endUser(), intake.purpose()).operation("INTAKE " + EXCHANGE + " " + intake.channel())
                    .persons(List.of(receipt.personId())).fields(WRITTEN_FIELDS).outcome(DisclosureEntry.Outcome.WRITTEN));
        }
    }

    /** SHA-256 of the message as received and of the record as read. */
    private String[] hashes(Pending pending) {
        return new String[] {Sha256.hex(pending.intake().payload()), Sha256.hex(json.writeValueAsString(pending.record()))};
    }

    private IntakeReceipt file(ReleaseRecord record, IntakeContext intake, String traceparent) {
        String contentHash = Sha256.hex(intake.payload());
        String recordHash = Sha256.hex(json.writeValueAsString(record));
        // the span of the record's transaction, in the trace of the request (or broker message, or file) that brought it
        try (var session = driver.session()) {
            return traces.continuing(traceparent, "file " + EXCHANGE + " record", record.messageId(),
                    () -> session.executeWrite(tx -> fileIn(tx, record, intake, contentHash, recordHash)));
        } catch (ClientException e) {
            if (!CONSTRAINT_FAILED.equals(e.code())) {
                throw e;
            }
            // the same record would fail the same way for ever: a dead letter, not "send again"
            throw new RecordRejectedException(record.messageId(), new FieldError("$", "record.conflict",
                    "the record names a key the hub already holds for something else (an institution, party or"
                            + " identity code); nothing was filed"));
        }
    }

    private IntakeReceipt fileIn(TransactionContext tx, ReleaseRecord record, IntakeContext intake, String contentHash,
                                 String recordHash) {
        var earlier = inboundMessages.earlier(tx, record.messageId());
        if (earlier.isPresent()) {
            var receipt = duplicate(record, earlier.get().sameAs(contentHash, recordHash));
            inboundMessages.recordDuplicate(tx, record.messageId(), intake.channel(), intake.sender(), ZonedDateTime.now());
            return receipt;
        }
        var source = new RevisedWrite.Source(record.messageId(), ZonedDateTime.now());
        var person = persons.file(tx, reported(record.person()), source);
        var institution = record.institution();
        institutions.fileAsReported(tx, institution.code(), institution.name(), institution.region(), institution.type(),
                institution.securityLevel());
        Map<String, RevisionDiff.Outcome> changes = new LinkedHashMap<>();
        changes.put("person", person.outcome());
        changes.put("custodyEpisode", custody.fileEpisode(tx, record, source));
        changes.put("plannedRelease", custody.filePlannedRelease(tx, record, source));
        states.record(tx, custodyState(record, person.personId(), intake.sender()));
        notices.owe(tx, record, person.personId(), intake.endUser(), intake.purpose(), intake.sender());
        if (record.release().happened()) {
            changes.put("release", released(tx, record, person.personId(), intake));
        }
        var receipt = acceptedReceipt(record, person.personId(), changes);
        inboundMessages.recordAccepted(tx, logEntry(record, intake, receipt, contentHash, recordHash), source.now());
        return receipt;
    }

    private static IntakeReceipt acceptedReceipt(ReleaseRecord record, String personId, Map<String, RevisionDiff.Outcome> changes) {
        return new IntakeReceipt(IntakeReceipt.Status.ACCEPTED, record.messageId(), personId, record.person().iin(),
                CustodyRecords.episodeId(record), CustodyRecords.releaseId(record), changes);
    }

    /** The message log's entry of an accepted record; the receipt is the answer (the HTTP body, the line of a batch receipt): its hash proves which answer this message got. */
    private InboundMessageLog.Accepted logEntry(ReleaseRecord record, IntakeContext intake, IntakeReceipt receipt,
                                                String contentHash, String recordHash) {
        return new InboundMessageLog.Accepted(record.messageId(), EXCHANGE, intake.channel(), intake.sender(),
                receipt.personId(), contentHash, recordHash, Sha256.hex(json.writeValueAsString(receipt)),
                intake.batchFile(), intake.batchRecord());
    }

    /**
     * The release the penal system reports as happened, recorded as recordRelease records it. Its state
     * is keyed by the custody episode, so the same release sent again on any channel, or by a
     * corrected message, is recorded once; a correction of a recorded release goes through the API.
     */
    private RevisionDiff.Outcome released(TransactionContext tx, ReleaseRecord record, String personId, IntakeContext intake) {
        String sourceSystem = "E5:" + (intake.sender() == null ? "unknown" : intake.sender());
        String stateId = PersonStateRepository.stateId(personId, EXCHANGE, CustodyRecords.episodeId(record), PersonStateKind.RELEASED);
        if (tx.run(RELEASE_RECORDED, Map.of("id", stateId)).single().get("recorded").asBoolean()) {
            return RevisionDiff.Outcome.UNCHANGED;
        }
        var release = record.release();
        recording.recordIn(tx, new ReleaseRecording.Release(stateId, personId, release.date(), release.type(),
                regions.require("release.residenceRegion", release.residenceRegion()),
                release.administrativeSupervisionUntil(), record.custody().termEnd(), record.institution().code(),
                sourceSystem, record.messageId(), intake.sender(), intake.endUser(), intake.purpose()));
        return RevisionDiff.Outcome.CREATED;
    }

    private static ReportedPersons.ReportedPerson reported(ReleaseRecord.PersonData person) {
        return new ReportedPersons.ReportedPerson(person.iin(), person.surname(), person.givenName(), person.patronymic(),
                person.birthDate(), person.citizenship());
    }

    /** The person is in custody from the start of the term, at the institution's region. */
    private static PersonStateRepository.NewState custodyState(ReleaseRecord record, String personId, String sender) {
        return new PersonStateRepository.NewState(CustodyRecords.episodeId(record) + "/custody", personId,
                PersonStateKind.IN_CUSTODY, record.custody().termStart(), null, null, List.of(),
                record.institution().region(), "E5:" + (sender == null ? "unknown" : sender), record.messageId(), sender);
    }

    private static IntakeReceipt duplicate(ReleaseRecord record, boolean sameRecord) {
        if (!sameRecord) {
            throw new RecordRejectedException(record.messageId(), new FieldError("messageId", "messageId.reused",
                    "message " + record.messageId() + " was received before with different content; a corrected record needs a new messageId"));
        }
        return new IntakeReceipt(IntakeReceipt.Status.DUPLICATE, record.messageId(), null, record.person().iin(),
                CustodyRecords.episodeId(record), CustodyRecords.releaseId(record), Map.of());
    }
}
