package kz.reentry.hub.disclosure;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/** The disclosure log in the graph: appended in batches, read by the prosecutor, verified end to end. */
@Repository
class DisclosureLogRepository {

    private static final String LAST = """
            MATCH (d:DisclosureEntry)
            RETURN d.seq AS seq, d.hash AS hash
            ORDER BY d.seq DESC LIMIT 1
            """;
    /**
     * Takes the log's tail for the transaction: the write lock on this one node orders the batches of
     * every instance, so each batch continues from where the one before it, whoever wrote that, ended.
     * The lock is taken by writing, before the tail is read (read-committed: a read alone locks nothing).
     */
    private static final String LOCK_TAIL = Cypher.keepingPlan("""
            MERGE (t:DisclosureLogTail {id: 'log'})
            SET t.lockedBy = $journal
            """);
    /**
     * Where the log ends: at the tail, or at an entry beyond it (a graph from before the tail existed,
     * or an entry an older version wrote past it). Never before the tail: entries deleted from the end
     * are not numbered again, they show as a break in the chain.
     */
    private static final String TAIL = Cypher.keepingPlan("""
            MATCH (t:DisclosureLogTail {id: 'log'})
            OPTIONAL MATCH (d:DisclosureEntry) USING INDEX d:DisclosureEntry(seq) WHERE d.seq >= coalesce(t.seq, 0)
            WITH t, d ORDER BY d.seq DESC LIMIT 1
            RETURN coalesce(d.seq, t.seq, 0) AS seq, coalesce(d.hash, t.hash, $genesis) AS hash
            """);
    /** What of a batch the graph holds already: a batch moved again after a crash adds nothing twice. */
    private static final String ALREADY_WRITTEN = Cypher.keepingPlan("""
            OPTIONAL MATCH (m:DisclosureJournalMark {key: $journal})
            RETURN coalesce(m.lastMoved, 0) AS lastMoved,
                   [id IN $ids WHERE EXISTS { MATCH (:DisclosureEntry {entryId: id}) }] AS written
            """);
    /** CREATE, not MERGE: a number given twice fails on the constraint (V0005) instead of dropping an entry. */
    private static final String APPEND = Cypher.keepingPlan("""
            UNWIND $entries AS e
            CREATE (d:DisclosureEntry)
            SET d += e
            WITH d, e
            UNWIND e.persons AS personId
            MATCH (p:Person {id: personId})
            MERGE (d)-[:ABOUT]->(p)
            """);
    private static final String TAIL_MOVED = Cypher.keepingPlan("""
            MATCH (t:DisclosureLogTail {id: 'log'})
            SET t.seq = $seq, t.hash = $hash
            """);
    /** What this journal has moved into the graph; its hub is running (a clean stop sets cleanStop). */
    private static final String MOVED = Cypher.keepingPlan("""
            MERGE (m:DisclosureJournalMark {key: $journal})
            SET m.lastMoved = CASE WHEN coalesce(m.lastMoved, 0) > $seq THEN m.lastMoved ELSE $seq END,
                m.cleanStop = false
            """);
    private static final String MARK = """
            MATCH (m:DisclosureJournalMark {key: $journal})
            RETURN m.lastMoved AS lastMoved, coalesce(m.cleanStop, false) AS cleanStop
            """;
    private static final String STOPPED_CLEANLY = """
            MATCH (m:DisclosureJournalMark {key: $journal})
            SET m.cleanStop = true
            """;
    private static final String HEADS = """
            MATCH (h:DisclosureLogHead)
            RETURN h.seq AS seq, h.hash AS hash
            ORDER BY h.seq
            """;
    private static final String FIELDS = fields("d.persons");
    /**
     * Latest first. A caller who does not see every person (a regional prosecutor's office reads within
     * its region) gets the entries about persons of its rows, each naming only those (the hash stays that
     * of the whole entry), and nothing about a person asked for outside them. Entries about nobody (the
     * edge's refusals) are the national office's: their text is what a caller sent, which may name
     * anyone (a key asked for, a path).
     * An entry is health data by its existence when it records an E3 message (in, out, the medical
     * part) or anything a health body did, since a health body sees only the persons referred to it:
     * those are left out for a reader who may not know of health referrals (HealthScope), so that
     * pages and cursors never count them either. The chain is verified whole, whoever asks.
     */
    private static final ScopedRead PAGE = ScopedRead.of("""
            MATCH (d:DisclosureEntry)
            WHERE ($person IS NULL OR EXISTS { (d)-[:ABOUT]->(p:Person {id: $person}) WHERE {rows of p} })
              AND ($agency IS NULL OR d.agency = $agency)
              AND ($from IS NULL OR d.at >= $from) AND ($to IS NULL OR d.at <= $to)
              AND ($afterSeq IS NULL OR d.seq < $afterSeq)
              AND ($healthSeen OR d.agency = $healthAgency OR NOT (
                    d.operation STARTS WITH $healthExchange + ' ' OR d.operation STARTS WITH 'SEND ' + $healthExchange + ' '
                    OR any(f IN d.fields WHERE f STARTS WITH 'MedicalPart.' OR f STARTS WITH $healthExchange + '.')
                    OR EXISTS { (:Party {code: d.agency, kind: 'HEALTH'}) }))
            WITH d, CASE WHEN $seesAll
                         THEN [id IN d.persons WHERE NOT EXISTS { MATCH (p:Person {id: id}) WHERE NOT {rows of p} }]
                         ELSE [id IN d.persons WHERE EXISTS { MATCH (p:Person {id: id}) WHERE {rows of p} }] END AS shown
            WHERE size(shown) > 0 OR ($seesAll AND size(d.persons) = 0 AND %s)
            RETURN %s
            ORDER BY d.seq DESC
            LIMIT $limit
            """.formatted(PersonScope.placedBy("d.agency"), fields("shown")));
    private static final String ABOUT_PERSON = """
            MATCH (d:DisclosureEntry)-[:ABOUT]->(:Person {id: $person})
            RETURN %s
            ORDER BY d.seq
            """.formatted(FIELDS);
    private static final ScopedRead PERSON_EXISTS = ScopedRead.of(
            "RETURN EXISTS { MATCH (p:Person {id: $person}) WHERE {rows of p} } AS known");
    private static final String ALL_IN_ORDER = """
            MATCH (d:DisclosureEntry)
            RETURN %s
            ORDER BY d.seq
            """.formatted(FIELDS);

    private final Driver driver;

    DisclosureLogRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * The number and hash of the last entry in the graph; 0 and the genesis hash when empty. (Only for
     * journals written before entries had keys: their numbers were the log's.)
     */
    Last last() {
        var rows = driver.executableQuery(LAST).execute().records();
        return rows.isEmpty() ? new Last(0, DisclosureEntry.GENESIS)
                : new Last(rows.getFirst().get("seq").asLong(), rows.getFirst().get("hash").asString());
    }

    /**
     * Writes journal entries as the next entries of the log, in one transaction that holds the log's
     * tail: numbers them after the log's last entry, chains them by hash, and records how far the
     * journal has moved. Entries the graph holds already (by their key; by the journal's number for
     * entries journaled before keys) are left out, so moving a batch again adds nothing twice.
     *
     * @param journaled entries with their journal's numbers, in any order
     * @return the entries written, with their numbers in the log and their hashes
     */
    List<DisclosureEntry> append(List<DisclosureEntry> journaled, String journal) {
        if (journaled.isEmpty()) {
            return List.of();
        }
        List<DisclosureEntry> inOrder = journaled.stream().sorted(Comparator.comparingLong(DisclosureEntry::seq)).toList();
        List<String> ids = inOrder.stream().map(DisclosureEntry::id).filter(Objects::nonNull).toList();
        long lastJournaled = inOrder.getLast().seq();
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                tx.run(LOCK_TAIL, Map.of("journal", journal)).consume();
                var tail = tx.run(TAIL, Map.of("genesis", DisclosureEntry.GENESIS)).single();
                var already = tx.run(ALREADY_WRITTEN, Map.of("journal", journal, "ids", ids)).single();
                long moved = already.get("lastMoved").asLong();
                Set<String> written = new HashSet<>(already.get("written").asList(Value::asString));
                List<DisclosureEntry> fresh = inOrder.stream()
                        .filter(e -> e.id() == null ? e.seq() > moved : !written.contains(e.id())).toList();
                List<DisclosureEntry> chained = chain(fresh, new Last(tail.get("seq").asLong(), tail.get("hash").asString()));
                if (!chained.isEmpty()) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int i = 0; i < chained.size(); i++) {
                        rows.add(row(chained.get(i), journal, fresh.get(i).seq()));
                    }
                    tx.run(APPEND, Map.of("entries", rows)).consume();
                    tx.run(TAIL_MOVED, Map.of("seq", chained.getLast().seq(), "hash", chained.getLast().hash())).consume();
                }
                tx.run(MOVED, Map.of("journal", journal, "seq", lastJournaled)).consume();
                return chained;
            });
        }
    }

    /** The entries numbered after the tail, in their order, each chained to the one before. */
    static List<DisclosureEntry> chain(List<DisclosureEntry> entries, Last tail) {
        List<DisclosureEntry> chained = new ArrayList<>();
        long seq = tail.seq();
        String previous = tail.hash();
        for (DisclosureEntry entry : entries) {
            DisclosureEntry linked = entry.numbered(++seq, entry.id()).chainedTo(previous);
            chained.add(linked);
            previous = linked.hash();
        }
        return chained;
    }

    private static Map<String, Object> row(DisclosureEntry e, String journal, long journalSeq) {
        return Cypher.params("seq", e.seq(), "at", e.at(), "client", e.client(), "agency", e.agency(),
                "endUser", e.endUser(), "purpose", e.purpose(), "operation", e.operation(), "persons", e.persons(),
                "fields", e.fields(), "outcome", e.outcome(), "previousHash", e.previousHash(), "hash", e.hash(),
                "entryId", e.id(), "journal", journal, "journalSeq", journalSeq);
    }

    /** What the graph knows of this journal from earlier runs; empty for a journal it has never seen. */
    Optional<JournalMark> journalMark(String journal) {
        return driver.executableQuery(MARK).withParameters(Map.of("journal", journal)).execute().records().stream()
                .findFirst().map(r -> new JournalMark(r.get("lastMoved").asLong(), r.get("cleanStop").asBoolean()));
    }

    void stoppedCleanly(String journal) {
        driver.executableQuery(STOPPED_CLEANLY).withParameters(Map.of("journal", journal)).execute();
    }

    Connection<DisclosureEntry> page(String person, String agency, ZonedDateTime from, ZonedDateTime to, int first,
                                     Cursor after, PersonScope scope, HealthScope health) {
        List<DisclosureEntry> rows = driver.executableQuery(PAGE.cypher(scope)).withParameters(PAGE.parameters(scope,
                        health.addedTo(Cypher.params("person", person, "agency", agency, "from", from, "to", to,
                                "limit", first + 1, "afterSeq", after == null ? null : Long.valueOf(after.key(0)),
                                "seesAll", scope.seesAll(), "healthExchange", HealthScope.HEALTH_EXCHANGE))))
                .withConfig(Cypher.READ).execute().records().stream().map(DisclosureLogRepository::asEntry).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                e -> new Cursor("disclosure", List.of(Long.toString(e.seq()))));
    }

    /**
     * Walks the chain from the first entry: the first whose hash does not follow from its content and
     * predecessor, or whose number is not the next (an entry removed), is reported.
     */
    Verification verify(List<Anchor> given) {
        List<Anchor> anchors = new ArrayList<>(given);
        anchors.addAll(driver.executableQuery(HEADS).withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new Anchor(r.get("seq").asLong(), r.get("hash").asString())).toList());
        var anchored = new HashMap<Long, List<String>>();
        anchors.forEach(a -> anchored.computeIfAbsent(a.seq(), seq -> new ArrayList<>()).add(a.hash()));
        List<Long> gaps = new ArrayList<>();
        String previous = DisclosureEntry.GENESIS;
        long count = 0;
        try (var session = driver.session()) {
            var result = session.run(ALL_IN_ORDER);
            while (result.hasNext()) {
                DisclosureEntry entry = asEntry(result.next());
                count++;
                boolean linked = entry.previousHash().equals(previous) && entry.seq() == count;
                boolean matches = entry.chainedTo(entry.previousHash()).hash().equals(entry.hash());
                boolean asAnchored = anchored.getOrDefault(entry.seq(), List.of()).stream().allMatch(entry.hash()::equals);
                if (!linked || !matches || !asAnchored) {
                    return new Verification(count, false, entry.seq(), gaps, anchors.size());
                }
                if (DisclosureEntry.LOST.equals(entry.outcome())) {
                    gaps.add(entry.seq());
                }
                previous = entry.hash();
            }
        }
        long entries = count;
        // a head published for an entry the log no longer holds: the log was cut short after it
        boolean cutShort = anchors.stream().anyMatch(a -> a.seq() > entries);
        Long firstBroken = cutShort ? Long.valueOf(entries + 1) : gaps.isEmpty() ? null : gaps.getFirst();
        return new Verification(entries, !cutShort && gaps.isEmpty(), firstBroken, gaps, anchors.size());
    }

    /**
     * Every entry about one person, oldest first; empty when the person is not in the graph at all, or
     * not within the caller's rows (which looks the same).
     */
    Optional<List<DisclosureEntry>> aboutPerson(String person, PersonScope scope) {
        var params = Map.<String, Object>of("person", person);
        boolean known = driver.executableQuery(PERSON_EXISTS.cypher(scope)).withParameters(PERSON_EXISTS.parameters(scope, params))
                .withConfig(Cypher.READ).execute().records().getFirst().get("known").asBoolean();
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(driver.executableQuery(ABOUT_PERSON).withParameters(params).withConfig(Cypher.READ)
                .execute().records().stream().map(DisclosureLogRepository::asEntry).toList());
    }

    private static String fields(String persons) {
        return """
                d.seq AS seq, d.at AS at, d.client AS client, d.agency AS agency, d.endUser AS endUser,
                d.purpose AS purpose, d.operation AS operation, %s AS persons, d.fields AS fields,
                d.outcome AS outcome, d.previousHash AS previousHash, d.hash AS hash
                """.formatted(persons);
    }

    private static DisclosureEntry asEntry(Record r) {
        return new DisclosureEntry(r.get("seq").asLong(), r.get("at").asZonedDateTime(), r.get("client").asString(),
                r.get("agency").asString(), r.get("endUser").asString(null), r.get("purpose").asString(null),
                r.get("operation").asString(), r.get("persons").asList(Value::asString),
                r.get("fields").asList(Value::asString), r.get("outcome").asString(), r.get("previousHash").asString(),
                r.get("hash").asString());
    }

    record Last(long seq, String hash) {
    }

    /**
     * @param firstBrokenSeq the first entry that does not match its content, predecessor or a published head;
     *                       one past the last entry when the log is shorter than a head; else the first gap
     * @param gaps           entries recording that a journal came back shorter than it was (entries may be lost)
     */
    record Verification(long entries, boolean intact, Long firstBrokenSeq, List<Long> gaps, int anchorsChecked) {
    }

    /** A head of the log as published: the entry with this number had this hash. */
    record Anchor(long seq, String hash) {
    }

    /** @param cleanStop whether the hub stopped after moving every entry of the journal */
    record JournalMark(long lastMoved, boolean cleanStop) {
    }
}
