package kz.reentry.hub.release;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyStarted;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * E1, the release notice (order 392, cl. 50): one year before the release (or the end of term, if earlier), the institution tells
 * the akimat and the police of the residence the person chose (of its district or town where the
 * record names one and the reference data has its body, else of the region) about the upcoming release, housing,
 * capacity to work and specialities. A notice that is due goes into the outbox once per recipient;
 * one already there is not added again, so the schedule may run as often as it likes.
 */
@Component
public class ReleaseNotices {

    static final String EXCHANGE = "E1";
    /**
     * Order 392 is Kazakhstan's: its notice goes to the bodies of a residence in Kazakhstan only. A person
     * who chose a residence abroad (Belarus) owes no E1 notice; the receiving state's own rules apply there
     * (Belarus: resolution No. 15, OpenInstitutionArrivals, for an arrival the graph holds).
     */
    static final String ORDER_392_JURISDICTION = "KZ";
    /** No person at a keyboard causes the daily run: the receivers see the hub's schedule and the legal ground instead. */
    static final String SCHEDULE_END_USER = "system:e1-schedule";
    static final String SCHEDULE_PURPOSE = "E1 release notice, order 392 cl. 50";

    /** Every open notice due by a day (the schedule), found through the (status, dueOn) index. */
    private static final String ALL_DUE = """
            MATCH (o:Obligation {status: 'OPEN'})
            WHERE o.dueOn <= $today AND o.kind = 'E1_RELEASE_NOTICE'
            %s
            """;
    /**
     * One notice (an intake), found by its id: the intake must not scan every open obligation. The hint
     * pins the start: its plan is kept, and on some graphs the planner preferred scanning the (status,
     * dueOn) index (KeptPlansIT).
     */
    private static final String ONE_DUE = """
            MATCH (o:Obligation {id: $obligationId}) USING INDEX o:Obligation(id)
            WHERE o.status = 'OPEN' AND o.dueOn <= $today AND o.kind = 'E1_RELEASE_NOTICE'
            %s
            """;
    private static final String NOTICE = """
            WITH o WHERE NOT EXISTS { (o)<-[:FULFILS]-(:OutboundMessage) }
            MATCH (o)-[:FOR_RELEASE]->(r:PlannedRelease)<-[:ENDS_WITH]-(e:CustodyEpisode)-[:AT]->(i:Institution),
                  (r)-[:RESIDENCE_IN]->(residence:Region), (p:Person)-[:SERVED]->(e)
            RETURN o.id AS obligationId, p.id AS personId,
                   p {.iin, .surname, .givenName, .patronymic, birthDate: toString(p.birthDate)} AS person,
                   {date: toString(r.date), type: r.type, termEnd: toString(e.termEnd), institution: i.code,
                    institutionName: i.name, residenceRegion: residence.code, housing: r.housing,
                    capacityToWork: r.capacityToWork, specialities: r.specialities} AS release,
                   reduce(all = [], kind IN ['LOCAL_EXECUTIVE', 'POLICE'] | all +
                     CASE WHEN size([(a:Agency {kind: kind})-[:SERVES]->(:District {code: r.residenceDistrict}) | a]) > 0
                          THEN [(a:Agency {kind: kind})-[:SERVES]->(:District {code: r.residenceDistrict}) | a.code]
                          ELSE [(a:Agency {kind: kind})-[:SERVES]->(residence) | a.code] END) AS recipients
            """;
    private static final String LINK_TO_RELEASE = """
            MATCH (o:Obligation {id: $obligationId}), (r:PlannedRelease {id: $releaseId})
            MERGE (o)-[:FOR_RELEASE]->(r)
            SET o.residenceDistrict = $district
            """;

    /** The release's notice now in force: the latest one not cancelled or withdrawn, with whom it was sent to. */
    private static final String CURRENT_NOTICE = """
            MATCH (o:Obligation {kind: 'E1_RELEASE_NOTICE'})-[:FOR_RELEASE]->(planned:PlannedRelease {id: $releaseId})
            USING INDEX planned:PlannedRelease(id)
            WHERE o.status <> 'CANCELLED' AND o.withdrawnAt IS NULL
            MATCH (o)-[:IN_REGION]->(region:Region)
            RETURN o.id AS id, region.code AS region, o.residenceDistrict AS district,
                   [(o)<-[:FULFILS]-(m:OutboundMessage) | m.recipient] AS notified
            ORDER BY o.createdAt DESC LIMIT 1
            """;
    /** The residence moved: the notice for the old one is withdrawn (and cancelled if it was still owed). */
    private static final String WITHDRAW = """
            MATCH (o:Obligation {id: $id})
            SET o.withdrawnAt = $now, o.withdrawnFor = $residence,
                o.status = CASE WHEN o.status = 'OPEN' THEN 'CANCELLED' ELSE o.status END
            WITH o
            MATCH (o)-[:CONCERNS]->(p:Person)
            RETURN p {.iin, .surname, .givenName, .patronymic, birthDate: toString(p.birthDate)} AS person
            """;

    /** The receivers of E1 work by the calendar of the residence's jurisdiction. */
    private static final String JURISDICTION = """
            MATCH (:Region {code: $region})-[:IN_JURISDICTION]->(j:Jurisdiction)
            RETURN j.code AS code
            """;

    // what an intake sends with each record, all from unique keys (Obligation id, PlannedRelease id, Region code)
    private static final KeyStarted CURRENT_NOTICE_KEPT = KeyStarted.of(CURRENT_NOTICE);
    private static final KeyStarted JURISDICTION_KEPT = KeyStarted.of(JURISDICTION);
    private static final KeyStarted LINK_TO_RELEASE_KEPT = KeyStarted.of(LINK_TO_RELEASE);
    private static final KeyStarted ONE_DUE_KEPT = KeyStarted.of(ONE_DUE.formatted(NOTICE));
    private static final String ALL_DUE_NOTICES = ALL_DUE.formatted(NOTICE);

    private final Driver driver;
    private final Outbox outbox;
    private final JsonMapper json;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;

    ReleaseNotices(Driver driver, Outbox outbox, JsonMapper json, ObligationRepository obligations, Deadlines deadlines) {
        this.driver = driver;
        this.outbox = outbox;
        this.json = json;
        this.obligations = obligations;
        this.deadlines = deadlines;
    }

    /**
     * Inside an E5 filing: the institution owes the release notice to the chosen residence one year before
     * the person walks out ({@link Deadlines#releaseNotice}); with less than a year left, the notice is late
     * from the day the record arrives (its legal due date is kept) and goes into the outbox with the record.
     * A residence outside Kazakhstan owes no notice (order 392 is Kazakh law); one moved there withdraws the
     * notice of the old residence.
     */
    void owe(TransactionContext tx, ReleaseRecord record, String personId, String endUser, String purpose,
             String causedBy) {
        String district = record.release().residenceDistrict();
        var current = tx.run(CURRENT_NOTICE_KEPT.alone(), Map.of("releaseId", CustodyRecords.releaseId(record))).list();
        String noticeId = noticeId(tx, new Owed(record, personId, endUser, purpose, causedBy, null),
                current.isEmpty() ? null : current.getFirst());
        String jurisdiction = tx.run(JURISDICTION_KEPT.alone(), Map.of("region", record.release().residenceRegion()))
                .single().get("code").asString();
        if (!ORDER_392_JURISDICTION.equals(jurisdiction)) {
            return;
        }
        obligations.open(tx, noticeId, ObligationKind.E1_RELEASE_NOTICE, personId,
                record.institution().code(), record.release().residenceRegion(),
                deadlines.releaseNotice(jurisdiction, record.release().date(), record.custody().termEnd()));
        linkToRelease(tx, noticeId, CustodyRecords.releaseId(record), district);
        enqueueIfDue(tx, noticeId, LocalDate.now(), endUser, purpose, causedBy);
    }

    /**
     * The notice a record owes: the release's current notice (null: none yet, the episode's first), or,
     * when the record moves the residence, a new one, after the current one is withdrawn (the new bodies
     * are told, the old ones told it is withdrawn).
     */
    private String noticeId(TransactionContext tx, Owed owed, Record current) {
        var record = owed.record();
        String residence = record.release().residenceRegion();
        String district = record.release().residenceDistrict();
        if (current == null) {
            return CustodyRecords.episodeId(record) + "/E1";
        }
        if (residence.equals(current.get("region").asString())
                && Objects.equals(district, current.get("district").asString(null))) {
            return current.get("id").asString();
        }
        withdraw(tx, current, district == null ? residence : district, owed);
        return CustodyRecords.episodeId(record) + "/E1/" + record.messageId();
    }

    /**
     * A record of a group whose notice {@link #oweAll} files, and who caused it; its traceparent when the
     * record came in another trace than the one in scope (records of several requests filed together).
     */
    record Owed(ReleaseRecord record, String personId, String endUser, String purpose, String causedBy,
                String traceparent) {
    }

    /**
     * {@link #owe} for the records of a group (each episode once) in six statements, whatever their
     * number: each record's notice as it would be owed alone. A notice withdrawn because the residence
     * moved (rare) is withdrawn record by record.
     */
    void oweAll(TransactionContext tx, List<Owed> group) {
        if (group.isEmpty()) {
            return;
        }
        Map<String, Record> current = new HashMap<>();
        tx.run(CURRENT_NOTICE_KEPT.perRow(), Map.of("rows", group.stream()
                        .map(o -> Map.of("releaseId", CustodyRecords.releaseId(o.record()))).toList())).list()
                .forEach(r -> current.putIfAbsent(r.get("param").get("releaseId").asString(), r));
        List<String> noticeIds = new ArrayList<>(group.size());
        for (Owed o : group) {
            noticeIds.add(noticeId(tx, o, current.get(CustodyRecords.releaseId(o.record()))));
        }
        Map<String, String> jurisdictions = new HashMap<>();
        tx.run(JURISDICTION_KEPT.perRow(), Map.of("rows", group.stream().map(o -> o.record().release().residenceRegion())
                        .distinct().map(region -> Map.of("region", region)).toList())).list()
                .forEach(r -> {
                    if (jurisdictions.put(r.get("param").get("region").asString(), r.get("code").asString()) != null) {
                        throw new IllegalStateException("a region in two jurisdictions: " + r.get("param"));
                    }
                });
        List<ObligationRepository.Opening> openings = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        List<Owed> owing = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            var o = group.get(i);
            var release = o.record().release();
            String jurisdiction = jurisdictions.get(release.residenceRegion());
            if (jurisdiction == null) {
                throw new IllegalStateException("region " + release.residenceRegion() + " is in no jurisdiction");
            }
            if (!ORDER_392_JURISDICTION.equals(jurisdiction)) {
                continue;
            }
            openings.add(new ObligationRepository.Opening(noticeIds.get(i), ObligationKind.E1_RELEASE_NOTICE,
                    o.personId(), o.record().institution().code(), release.residenceRegion(),
                    deadlines.releaseNotice(jurisdiction, release.date(), o.record().custody().termEnd())));
            links.add(Cypher.params("obligationId", noticeIds.get(i), "releaseId", CustodyRecords.releaseId(o.record()),
                    "district", release.residenceDistrict()));
            owing.add(o);
        }
        if (openings.isEmpty()) {
            return;
        }
        obligations.openAll(tx, openings);
        tx.run(LINK_TO_RELEASE_KEPT.perRow(), Map.of("rows", links)).consume();
        LocalDate today = LocalDate.now();
        List<NewOutboundMessage> messages = new ArrayList<>();
        Map<String, Owed> byNotice = new HashMap<>();
        for (int i = 0; i < openings.size(); i++) {
            byNotice.put(openings.get(i).id(), owing.get(i));
        }
        for (Record notice : tx.run(ONE_DUE_KEPT.perRow(), Map.of("rows", openings.stream()
                .map(o -> Cypher.params("today", today, "obligationId", o.id())).toList())).list()) {
            Owed o = byNotice.get(notice.get("param").get("obligationId").asString());
            String payload = payload(notice);
            for (Value recipient : notice.get("recipients").values()) {
                messages.add(new NewOutboundMessage(EXCHANGE, recipient.asString(), notice.get("personId").asString(),
                        notice.get("obligationId").asString(), payload, o.endUser(), o.purpose(), o.causedBy(),
                        o.traceparent()));
            }
        }
        outbox.enqueueAll(tx, messages);
    }

    /**
     * Tells every body that was sent (or is to be sent) the old notice that the person will not live in
     * its territory after all, and takes the old notice out of force: still owed, it is cancelled; given,
     * it stays met, with the day it was withdrawn.
     */
    private void withdraw(TransactionContext tx, Record notice, String residence, Owed owed) {
        String withdrawn = notice.get("id").asString();
        var person = tx.run(WITHDRAW, Cypher.params("id", withdrawn, "residence", residence, "now", ZonedDateTime.now()))
                .single().get("person").asMap();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("notice", "E1 release notice withdrawn (order 392, cl. 50)");
        content.put("withdraws", withdrawn);
        content.put("person", person);
        content.put("reason", "the person's chosen residence is now " + residence);
        String payload = json.writeValueAsString(content);
        for (String recipient : new LinkedHashSet<>(notice.get("notified").asList(Value::asString))) {
            outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, recipient, owed.personId(), null, payload, owed.endUser(),
                    owed.purpose(), owed.causedBy(), owed.traceparent()));
        }
    }

    /** Ties the E1 obligation to the release it announces, so the notice can be written from it. */
    private void linkToRelease(TransactionContext tx, String obligationId, String releaseId, String district) {
        tx.run(LINK_TO_RELEASE_KEPT.alone(), Cypher.params("obligationId", obligationId, "releaseId", releaseId, "district", district))
                .consume();
    }

    /** Inside an intake's transaction: the notice of a release registered with less than a year left goes at once. */
    private int enqueueIfDue(TransactionContext tx, String obligationId, LocalDate today, String endUser, String purpose,
                     String causedBy) {
        return enqueue(tx, obligationId, today, endUser, purpose, causedBy);
    }

    /** The daily schedule: every notice due by {@code today} and not yet in the outbox; returns how many messages were added. */
    public int enqueueAllDue(LocalDate today) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> enqueue(tx, null, today, SCHEDULE_END_USER, SCHEDULE_PURPOSE, "hub-schedule"));
        }
    }

    private int enqueue(TransactionContext tx, String obligationId, LocalDate today, String endUser, String purpose,
                        String causedBy) {
        int added = 0;
        String query = obligationId == null ? ALL_DUE_NOTICES : ONE_DUE_KEPT.alone();
        for (Record notice : tx.run(query, Cypher.params("today", today, "obligationId", obligationId)).list()) {
            String payload = payload(notice);
            for (Value recipient : notice.get("recipients").values()) {
                outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, recipient.asString(),
                        notice.get("personId").asString(), notice.get("obligationId").asString(), payload, endUser,
                        purpose, causedBy));
                added++;
            }
        }
        return added;
    }

    private String payload(Record notice) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("notice", "E1 release notice (order 392, cl. 50)");
        content.put("person", notice.get("person").asMap());
        content.put("release", notice.get("release").asMap());
        return json.writeValueAsString(content);
    }
}
