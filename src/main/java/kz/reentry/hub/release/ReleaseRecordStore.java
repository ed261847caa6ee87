package kz.reentry.hub.release;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.history.RevisionDiff;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.person.Transliteration;
import kz.reentry.hub.state.PersonStateKind;
import kz.reentry.hub.state.PersonStateRepository;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files a valid release record in the graph, in one transaction: the person, the institution, the
 * custody episode and the planned release, each merged on its key so that the same record twice
 * changes nothing, and a corrected record keeps the values it replaces as a revision.
 *
 * <p>Keys: a person by IIN; an episode by IIN and start of term (the penal system sends no episode
 * number of its own); the planned release by its episode.
 */
@Component("releaseRecordStore")
public class ReleaseRecordStore {

    private static final String SEEN_MESSAGE = """
            MATCH (m:InboundMessage {messageId: $messageId})
            RETURN m.contentHash AS contentHash, m.recordHash AS recordHash
            """;

    private static final String CURRENT_PERSON = """
            MATCH (p:Person {iin: $key})
            RETURN p {.surname, .givenName, .patronymic, .birthDate, .sex, .citizenship} AS current
            """;
    private static final String WRITE_PERSON = """
            MERGE (p:Person {iin: $key})
            ON CREATE SET p.createdAt = $now, p.id = randomUUID(), p.cellKey = toInteger(rand() * 4294967296)
            SET p += $values, p.updatedAt = $now, p.sourceMessageId = $messageId, p.searchName = $searchName
            FOREACH (previous IN $revisions | CREATE (p)-[:PREVIOUSLY]->(r:Revision) SET r = previous)
            MERGE (identity:Identity {key: 'KZ_IIN:' + $key})
            ON CREATE SET identity.kind = 'KZ_IIN', identity.value = $key, identity.number = $key, identity.country = 'KZ'
            MERGE (p)-[:HAS_IDENTITY]->(identity)
            """;

    /** The institution is run by the penal-system body of its region (KZ-DUIS-nn, BY-DIN-xx) where there is one. */
    private static final String WRITE_INSTITUTION = """
            MATCH (region:Region {code: $region})
            MERGE (i:Institution {code: $code})
            SET i:Party, i.name = $name, i.type = coalesce($type, i.type),
                i.securityLevel = coalesce($securityLevel, i.securityLevel)
            WITH i, region
            OPTIONAL MATCH (i)-[formerOperator:OPERATED_BY]->()
            DELETE formerOperator
            WITH DISTINCT i, region
            OPTIONAL MATCH (operator:Agency {kind: 'PENAL_SYSTEM'})-[:SERVES]->(region)
            FOREACH (o IN CASE WHEN operator IS NULL THEN [] ELSE [operator] END | MERGE (i)-[:OPERATED_BY]->(o))
            WITH DISTINCT i, region
            OPTIONAL MATCH (i)-[moved:LOCATED_IN]->(other:Region) WHERE other <> region
            DELETE moved
            WITH DISTINCT i, region
            MERGE (i)-[:LOCATED_IN]->(region)
            """;

    private static final String CURRENT_EPISODE = """
            MATCH (e:CustodyEpisode {id: $key})
            OPTIONAL MATCH (e)-[:AT]->(i:Institution)
            RETURN e {.article, .court, .termStart, .termEnd, .formalParoleDate, institution: i.code} AS current
            """;
    private static final String WRITE_EPISODE = """
            MATCH (p:Person {iin: $iin}), (i:Institution {code: $values.institution})
            MERGE (e:CustodyEpisode {id: $key})
            ON CREATE SET e.createdAt = $now
            SET e.article = $values.article, e.court = $values.court,
                e.termStart = $values.termStart, e.termEnd = $values.termEnd,
                e.formalParoleDate = $values.formalParoleDate,
                e.updatedAt = $now, e.sourceMessageId = $messageId
            MERGE (p)-[:SERVED]->(e)
            FOREACH (previous IN $revisions | CREATE (e)-[:PREVIOUSLY]->(r:Revision) SET r = previous)
            WITH e, i
            OPTIONAL MATCH (e)-[moved:AT]->(other:Institution) WHERE other <> i
            DELETE moved
            WITH DISTINCT e, i
            MERGE (e)-[:AT]->(i)
            """;

    private static final String CURRENT_RELEASE = """
            MATCH (r:PlannedRelease {id: $key})
            OPTIONAL MATCH (r)-[:RESIDENCE_IN]->(region:Region)
            RETURN r {.date, .type, .housing, .capacityToWork, .specialities, residenceRegion: region.code} AS current
            """;
    private static final String WRITE_RELEASE = """
            MATCH (e:CustodyEpisode {id: $episodeId}), (region:Region {code: $values.residenceRegion})
            MERGE (r:PlannedRelease {id: $key})
            ON CREATE SET r.createdAt = $now
            SET r.date = $values.date, r.type = $values.type, r.housing = $values.housing,
                r.capacityToWork = $values.capacityToWork, r.specialities = $values.specialities,
                r.updatedAt = $now, r.sourceMessageId = $messageId
            MERGE (e)-[:ENDS_WITH]->(r)
            FOREACH (previous IN $revisions | CREATE (r)-[:PREVIOUSLY]->(rev:Revision) SET rev = previous)
            WITH r, region
            OPTIONAL MATCH (r)-[moved:RESIDENCE_IN]->(other:Region) WHERE other <> region
            DELETE moved
            WITH DISTINCT r, region
            MERGE (r)-[:RESIDENCE_IN]->(region)
            """;

    private static final String RECORD_MESSAGE = """
            MATCH (p:Person {iin: $iin})
            CREATE (m:InboundMessage {messageId: $messageId, exchange: 'E5', channel: $channel, status: 'ACCEPTED',
                                      sender: $sender, contentHash: $contentHash, recordHash: $recordHash,
                                      responseHash: $responseHash, receivedAt: $now, batchFile: $batchFile,
                                      batchRecord: $batchRecord})
            CREATE (m)-[:CONCERNS]->(p)
            """;

    /** The receivers of E1 work by the calendar of the residence's jurisdiction. */
    private static final String JURISDICTION = """
            MATCH (:Region {code: $region})-[:IN_JURISDICTION]->(j:Jurisdiction)
            RETURN j.code AS code
            """;
    private static final String PERSON_ID = "MATCH (p:Person {iin: $iin}) RETURN p.id AS id";
    /** What an E5 record writes, for the disclosure log. */
    private static final List<String> WRITTEN_FIELDS = List.of("Person", "CustodyEpisode", "PlannedRelease",
            "Institution", "PersonState", "Obligation");

    private static final String CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed";

    private final Driver driver;
    private final PersonStateRepository states;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;
    private final DisclosureJournal disclosures;
    private final ReleaseNotices notices;
    private final JsonMapper json;

    ReleaseRecordStore(Driver driver, PersonStateRepository states, ObligationRepository obligations, Deadlines deadlines,
                       DisclosureJournal disclosures, ReleaseNotices notices, JsonMapper json) {
        this.json = json;
        this.notices = notices;
        this.disclosures = disclosures;
        this.driver = driver;
        this.states = states;
        this.obligations = obligations;
        this.deadlines = deadlines;
    }

    public IntakeReceipt apply(@Body ReleaseRecord record,
                               @Header(IntakeHeaders.CHANNEL) String channel,
                               @Header(IntakeHeaders.SENDER) String sender,
                               @Header(IntakeHeaders.SENDER_AGENCY) String senderAgency,
                               @Header(IntakeHeaders.END_USER) String endUser,
                               @Header(IntakeHeaders.PURPOSE) String purpose,
                               @Header(IntakeHeaders.OPERATOR) String operator,
                               @Header(IntakeHeaders.OPERATOR_AGENCY) String operatorAgency,
                               @ExchangeProperty(IntakeHeaders.PAYLOAD) String payload,
                               @Header(IntakeHeaders.BATCH_FILE) String batchFile,
                               @Header(IntakeHeaders.BATCH_RECORD) Long batchRecord) {
        IntakeReceipt receipt = file(record, channel, sender, payload, endUser, purpose, new BatchPlace(batchFile, batchRecord));
        if (receipt.personId() != null) {
            // a replayed dead letter is written by the operator who replays it, not by its original sender
            String client = operator != null ? operator : sender;
            String agency = operator != null ? operatorAgency : senderAgency;
            disclosures.append(new DisclosureEntry(0, ZonedDateTime.now(), client == null ? "unknown" : client,
                    agency == null ? "unknown" : agency, endUser, purpose, "INTAKE E5 " + channel,
                    List.of(receipt.personId()), WRITTEN_FIELDS, "WRITTEN", null, null));
        }
        return receipt;
    }

    /** Where a record of a batch file sits in it (both null for the other channels), kept on its InboundMessage. */
    private record BatchPlace(String batchFile, Long batchRecord) {
    }

    private IntakeReceipt file(ReleaseRecord record, String channel, String sender, String payload, String endUser,
                               String purpose, BatchPlace place) {
        String messageId = record.messageId();
        String contentHash = Sha256.hex(payload);
        // what the record says, as read: the same record resent with other white space, key order or
        // escapes is the same message, and answered DUPLICATE rather than refused as a reused id
        String recordHash = Sha256.hex(json.writeValueAsString(record));
        try (var session = driver.session()) {
            return fileIn(session, record, channel, sender, endUser, purpose, contentHash, recordHash, place);
        } catch (ClientException e) {
            if (!CONSTRAINT_FAILED.equals(e.code())) {
                throw e;
            }
            // the same record would fail the same way for ever: a dead letter, not "send again"
            throw new RecordRejectedException(messageId, new FieldError("$", "record.conflict",
                    "the record names a key the hub already holds for something else (an institution, party or"
                            + " identity code); nothing was filed"));
        }
    }

    private IntakeReceipt fileIn(Session session, ReleaseRecord record, String channel, String sender, String endUser,
                                 String purpose, String contentHash, String recordHash, BatchPlace place) {
        String messageId = record.messageId();
        return session.executeWrite(tx -> {
            ZonedDateTime now = ZonedDateTime.now();
            var seen = tx.run(SEEN_MESSAGE, Map.of("messageId", messageId)).list();
            if (!seen.isEmpty()) {
                var earlier = seen.getFirst();
                boolean same = earlier.get("recordHash").isNull()
                        ? contentHash.equals(earlier.get("contentHash").asString())
                        : recordHash.equals(earlier.get("recordHash").asString());
                return duplicate(record, messageId, same);
            }
            var base = new Base(messageId, now);
            String iin = record.person().iin();
            String episodeId = episodeId(record);
            String releaseId = episodeId + "/release";

            Map<String, RevisionDiff.Outcome> changes = new LinkedHashMap<>();
            var person = record.person();
            changes.put("person", write(tx, CURRENT_PERSON, WRITE_PERSON, iin, personValues(record), base, Map.of(
                    "searchName", Transliteration.searchField(person.surname(), person.givenName(), person.patronymic()))));
            var institution = record.institution();
            tx.run(WRITE_INSTITUTION, Cypher.params("code", institution.code(), "name", institution.name(),
                    "region", institution.region(), "type", institution.type(),
                    "securityLevel", institution.securityLevel()));
            changes.put("custodyEpisode", write(tx, CURRENT_EPISODE, WRITE_EPISODE, episodeId,
                    episodeValues(record), base, Map.of("iin", iin)));
            changes.put("plannedRelease", write(tx, CURRENT_RELEASE, WRITE_RELEASE, releaseId,
                    releaseValues(record), base, Map.of("episodeId", episodeId)));
            String personId = tx.run(PERSON_ID, Map.of("iin", iin)).single().get("id").asString();
            recordCustodyAndNoticeDue(tx, record, personId, episodeId, releaseId, messageId, sender, endUser, purpose);
            var receipt = new IntakeReceipt(IntakeReceipt.Status.ACCEPTED, messageId, personId, iin, episodeId,
                    releaseId, changes);
            // the receipt is the answer (the HTTP body, the line of a batch receipt): its hash proves which answer this message got
            tx.run(RECORD_MESSAGE, Cypher.params("iin", iin, "messageId", messageId, "channel", channel,
                    "sender", sender == null ? "unknown" : sender, "contentHash", contentHash,
                    "recordHash", recordHash, "responseHash", Sha256.hex(json.writeValueAsString(receipt)), "now", now,
                    "batchFile", place.batchFile(), "batchRecord", place.batchRecord()));
            return receipt;
        });
    }

    /**
     * The person is in custody from the start of the term (a time-bounded state), and the institution
     * owes the release notice (E1) to the chosen residence one year before the person walks out
     * ({@link Deadlines#releaseNotice}); with less than a year left, the notice is due now and goes
     * into the outbox with this record.
     */
    private void recordCustodyAndNoticeDue(TransactionContext tx, ReleaseRecord record, String personId,
                                           String episodeId, String releaseId, String messageId, String sender,
                                           String endUser, String purpose) {
        states.record(tx, new PersonStateRepository.NewState(episodeId + "/custody", personId, PersonStateKind.IN_CUSTODY,
                record.custody().termStart(), null, null, List.of(), record.institution().region(),
                "E5:" + (sender == null ? "unknown" : sender), messageId, sender));
        String noticeId = episodeId + "/E1";
        String jurisdiction = tx.run(JURISDICTION, Map.of("region", record.release().residenceRegion()))
                .single().get("code").asString();
        obligations.openDueNoEarlierThanRegistration(tx, noticeId, ObligationKind.E1_RELEASE_NOTICE, personId,
                record.institution().code(), record.release().residenceRegion(),
                deadlines.releaseNotice(jurisdiction, record.release().date(), record.custody().termEnd()));
        notices.linkToRelease(tx, noticeId, releaseId);
        notices.enqueueIfDue(tx, noticeId, LocalDate.now(), endUser, purpose, sender);
    }

    static String episodeId(ReleaseRecord record) {
        return record.person().iin() + "/" + record.custody().termStart();
    }

    private record Base(String messageId, ZonedDateTime now) {
    }

    /** Reads the node's current values, writes only if something differs, keeping the old values. */
    private static RevisionDiff.Outcome write(TransactionContext tx, String currentQuery, String writeQuery, String key,
                                              Map<String, Object> values, Base base, Map<String, Object> links) {
        var rows = tx.run(currentQuery, Map.of("key", key)).list();
        Map<String, Object> current = rows.isEmpty() ? null : rows.getFirst().get("current").asMap(Value::asObject);
        RevisionDiff diff = RevisionDiff.of(current, values, base.now(), base.messageId());
        if (diff.writeNeeded()) {
            Map<String, Object> parameters = new HashMap<>(links);
            parameters.put("key", key);
            parameters.put("values", values);
            parameters.put("revisions", diff.revisions());
            parameters.put("now", base.now());
            parameters.put("messageId", base.messageId());
            tx.run(writeQuery, parameters).consume();
        }
        return diff.outcome();
    }

    private static Map<String, Object> personValues(ReleaseRecord record) {
        var person = record.person();
        Map<String, Object> values = new HashMap<>();
        values.put("surname", person.surname());
        values.put("givenName", person.givenName());
        values.put("patronymic", person.patronymic());
        values.put("birthDate", person.birthDate());
        values.put("sex", new Iin(person.iin()).sex().name());
        values.put("citizenship", person.citizenship());
        return values;
    }

    private static Map<String, Object> episodeValues(ReleaseRecord record) {
        var custody = record.custody();
        return Cypher.params("article", custody.article(), "court", custody.court(), "termStart", custody.termStart(),
                "termEnd", custody.termEnd(), "formalParoleDate", custody.formalParoleDate(),
                "institution", record.institution().code());
    }

    private static Map<String, Object> releaseValues(ReleaseRecord record) {
        var release = record.release();
        return Cypher.params("date", release.date(), "type", release.type().name(),
                "residenceRegion", release.residenceRegion(), "housing", release.housing(),
                "capacityToWork", release.capacityToWork(), "specialities", release.specialities());
    }

    private static IntakeReceipt duplicate(ReleaseRecord record, String messageId, boolean sameRecord) {
        if (!sameRecord) {
            throw new RecordRejectedException(messageId, new FieldError("messageId", "messageId.reused",
                    "message " + messageId + " was received before with different content; a corrected record needs a new messageId"));
        }
        String episodeId = episodeId(record);
        return new IntakeReceipt(IntakeReceipt.Status.DUPLICATE, messageId, null, record.person().iin(), episodeId,
                episodeId + "/release", Map.of());
    }
}
