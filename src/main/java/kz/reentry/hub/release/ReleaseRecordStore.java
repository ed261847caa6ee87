package kz.reentry.hub.release;

import java.time.ZonedDateTime;
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
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.neo4j.driver.Driver;
import org.springframework.context.ApplicationEventPublisher;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
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

    /** The last shared step of every E5 channel (camel-routes/e5-release-data.camel.yaml). */
    public IntakeReceipt apply(@Body ReleaseRecord record, Exchange exchange) {
        IntakeContext intake = IntakeContext.of(exchange);
        IntakeReceipt receipt = file(record, intake);
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
        return receipt;
    }

    private IntakeReceipt file(ReleaseRecord record, IntakeContext intake) {
        String contentHash = Sha256.hex(intake.payload());
        String recordHash = Sha256.hex(json.writeValueAsString(record));
        // the span of the record's transaction, in the trace of the request (or broker message, or file) that brought it
        try (var session = driver.session()) {
            return traces.inSpan("file " + EXCHANGE + " record", record.messageId(),
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
            return duplicate(record, earlier.get().sameAs(contentHash, recordHash));
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
        var receipt = new IntakeReceipt(IntakeReceipt.Status.ACCEPTED, record.messageId(), person.personId(),
                record.person().iin(), CustodyRecords.episodeId(record), CustodyRecords.releaseId(record), changes);
        // the receipt is the answer (the HTTP body, the line of a batch receipt): its hash proves which answer this message got
        inboundMessages.recordAccepted(tx, new InboundMessageLog.Accepted(record.messageId(), EXCHANGE, intake.channel(),
                intake.sender(), person.personId(), contentHash, recordHash, Sha256.hex(json.writeValueAsString(receipt)),
                intake.batchFile(), intake.batchRecord()), source.now());
        return receipt;
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
