package kz.reentry.hub.obligation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.security.EmergencyScope;
import kz.reentry.hub.security.HealthScope;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

@Repository
public class ObligationRepository {

    private static final String FIELDS = """
            o.id AS id, o.kind AS kind, p.id AS personId, owner.code AS owedBy, region.code AS region,
            o.dueOn AS dueOn, o.status AS status, o.metAt AS metAt,
            coalesce(o.registeredOn, date(o.createdAt)) AS registeredOn, o.dueAt AS dueAt,
            [(o)-[:CONCERNS]->(about:Emergency) | about.id][0] AS emergencyId
            """;
    /**
     * Opens the obligation, or moves its due date while it is still open (a corrected release date
     * moves the E1 deadline with it). The due date is the legal one, whenever the hub learns of the
     * duty: a release learned of with less than a year left makes a notice that is late from the day
     * it arrives, not one "due today"; the day the hub first learned of it is kept (registeredOn), so
     * the two tell how late it was born. The territory and owner follow the latest message.
     */
    private static final String OPEN = """
            MATCH (p:Person {id: $personId}), (owner:Party {code: $owedBy})
            MERGE (o:Obligation {id: $id})
            ON CREATE SET o.kind = $kind, o.status = 'OPEN', o.createdAt = $now, o.registeredOn = date($now)
            WITH o, p, owner
            SET o.dueOn = CASE WHEN o.status <> 'OPEN' THEN o.dueOn ELSE $dueOn END
            MERGE (o)-[:CONCERNS]->(p)
            WITH o, owner
            OPTIONAL MATCH (o)-[oldOwner:OWED_BY]->(other) WHERE other <> owner
            DELETE oldOwner
            WITH DISTINCT o, owner
            MERGE (o)-[:OWED_BY]->(owner)
            WITH o
            OPTIONAL MATCH (o)-[oldRegion:IN_REGION]->(:Region)
            DELETE oldRegion
            WITH DISTINCT o
            MATCH (region:Region {code: $region})
            MERGE (o)-[:IN_REGION]->(region)
            WITH o, region
            OPTIONAL MATCH (region)-[:IN_JURISDICTION]->(j:Jurisdiction)
            WITH o, j WHERE o.status = 'OPEN'
            SET o.calendarYearsMissing = [y IN $years WHERE $workingDays
                                          AND NOT EXISTS { (:CalendarYear {jurisdiction: coalesce(j.code, ''), year: y}) }],
                o.calendarJurisdiction = j.code
            RETURN o.calendarYearsMissing AS missing, j.code AS jurisdiction
            """;
    private static final String OPEN_EACH = Cypher.perRow(OPEN);
    private static final String OF_PERSONS = """
            UNWIND $ids AS id
            MATCH (o:Obligation)-[:CONCERNS]->(p:Person {id: id})
            WHERE (o.kind <> 'E3_HANDOFF_ACKNOWLEDGEMENT' OR $healthSeen OR EXISTS { (o)-[:OWED_BY]->(:Party {code: $healthAgency}) })
            MATCH (o)-[:OWED_BY]->(owner:Party)
            OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
            RETURN %s
            ORDER BY o.dueOn
            """.formatted(FIELDS);
    /**
     * Open duties past their deadline: a duty in days when its day is before $asOf, one in hours (dueAt)
     * when its instant is before $asOfInstant. A duty about a person is seen within the caller's person
     * rows; one about an emergency (E7) within its emergency rows (access-policy.yaml), so no other party
     * learns of an emergency through its duties; a duty about neither (an E8 report of a prosecutor's
     * office) by the party that owes it and the body it is part of (the national office).
     */
    private static final ScopedRead OVERDUE = ScopedRead.of("""
            MATCH (o:Obligation {status: 'OPEN'})
            WHERE ((o.dueAt IS NULL AND o.dueOn < $asOf) OR o.dueAt < $asOfInstant)
              AND ($afterDue IS NULL OR o.dueOn > $afterDue OR (o.dueOn = $afterDue AND o.id > $afterId))
              AND (o.kind <> 'E3_HANDOFF_ACKNOWLEDGEMENT' OR $healthSeen OR EXISTS { (o)-[:OWED_BY]->(:Party {code: $healthAgency}) })
            MATCH (o)-[:OWED_BY]->(owner:Party)
            WHERE $party IS NULL OR owner.code = $party
            OPTIONAL MATCH (o)-[:CONCERNS]->(p:Person)
            OPTIONAL MATCH (o)-[:CONCERNS]->(e:Emergency)
            WITH o, owner, p, e
            WHERE (p IS NOT NULL AND {rows of p}) OR (e IS NOT NULL AND {emergencies of e})
               OR (p IS NULL AND e IS NULL
                   AND (owner.code = $scopeAgency OR EXISTS { (owner)-[:PART_OF]->(:Party {code: $scopeAgency}) }))
            OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
            WITH o, owner, p, region
            WHERE $region IS NULL OR region.code = $region
            RETURN %s
            ORDER BY o.dueOn, o.id
            LIMIT $limit
            """.formatted(FIELDS));

    /**
     * Opens a duty about an emergency (E7), due at an instant (a deadline in hours of real time), on the
     * day that instant falls in its zone; owed by a party, in the emergency's region. Safe to run twice.
     */
    private static final String OPEN_FOR_EMERGENCY = """
            MATCH (e:Emergency {id: $emergencyId}), (owner:Party {code: $owedBy}), (region:Region {code: $region})
            MERGE (o:Obligation {id: $id})
            ON CREATE SET o.kind = $kind, o.status = 'OPEN', o.createdAt = $now, o.registeredOn = date($now),
                          o.dueAt = $dueAt, o.dueOn = date($dueAt)
            MERGE (o)-[:CONCERNS]->(e)
            MERGE (o)-[:OWED_BY]->(owner)
            MERGE (o)-[:IN_REGION]->(region)
            """;
    private static final String MEET_AT = """
            MATCH (o:Obligation {id: $id, status: 'OPEN'})
            SET o.status = 'MET', o.metAt = $at
            RETURN o.id AS id
            """;
    private static final String OF_EMERGENCIES = """
            UNWIND $ids AS emergencyId
            MATCH (o:Obligation)-[:CONCERNS]->(:Emergency {id: emergencyId})
            MATCH (o)-[:OWED_BY]->(owner:Party)
            OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
            WITH o, owner, region, null AS p
            RETURN %s
            ORDER BY o.dueAt, o.id
            """.formatted(FIELDS);

    private static final String MEET = """
            MATCH (o:Obligation {id: $id, status: 'OPEN'})
            SET o.status = 'MET', o.metAt = $now
            """;

    private static final String OPEN_OF = """
            MATCH (o:Obligation {kind: $kind, status: 'OPEN'})-[:CONCERNS]->(p:Person {id: $personId})
            MATCH (o)-[:OWED_BY]->(owner:Party)
            OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
            RETURN %s ORDER BY o.dueOn LIMIT 1
            """;
    private static final String BY_ID = """
            MATCH (o:Obligation {id: $id})-[:CONCERNS]->(p:Person), (o)-[:OWED_BY]->(owner:Party)
            OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
            RETURN %s
            """;
    private static final String CANCEL = """
            MATCH (o:Obligation {id: $id, status: 'OPEN'})
            SET o.status = 'CANCELLED', o.cancelledAt = $now
            """;

    /**
     * The kinds whose due date is counted in working days (E1 moves back to a working day, E2, E4 and
     * resolution 15's count forward): their due date is only as good as the calendar of the year.
     */
    private static final Set<ObligationKind> WORKING_DAY_KINDS = EnumSet.of(ObligationKind.E1_RELEASE_NOTICE,
            ObligationKind.E2_PROGRAMME_DELIVERY, ObligationKind.E4_REFERRAL_ANSWER,
            ObligationKind.BY_OPEN_INSTITUTION_REGISTRATION, ObligationKind.BY_OPEN_INSTITUTION_MEDICAL_EXAMINATION);
    private static final String CALENDAR_NOTES = """
            UNWIND $ids AS id
            MATCH (o:Obligation {id: id})
            RETURN o.id AS id, coalesce(o.calendarYearsMissing, []) AS missing, o.calendarJurisdiction AS jurisdiction
            """;

    private static final Logger log = LoggerFactory.getLogger(ObligationRepository.class);

    /** A person's obligations by hub id, less those the HealthScope hides: also folded into a person's case read. */
    public static final KeyedRead<Obligation> OF_PERSONS_READ = new KeyedRead<>(OF_PERSONS, ObligationRepository::asObligation);

    /** The calendars (jurisdiction and years without dated days) already warned of since start. */
    private final java.util.Set<String> calendarsWarnedOf = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Driver driver;

    ObligationRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * Opens (or re-dates) an obligation inside the caller's transaction, due on its legal date: one the
     * hub learns of after that date is overdue, and late, from the start.
     */
    public void open(TransactionContext tx, String id, ObligationKind kind, String personId, String owedBy,
                     String regionCode, LocalDate dueOn) {
        var opening = new Opening(id, kind, personId, owedBy, regionCode, dueOn);
        tx.run(OPEN, parameters(opening, ZonedDateTime.now())).list().forEach(r -> flagged(opening, r));
    }

    /** An obligation to open: {@link #open}'s arguments. */
    public record Opening(String id, ObligationKind kind, String personId, String owedBy, String regionCode,
                          LocalDate dueOn) {
    }

    /** {@link #open} for many obligations (each id once) in one statement, each as it would be opened alone. */
    public void openAll(TransactionContext tx, List<Opening> openings) {
        if (openings.isEmpty()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now();
        Map<String, Opening> byId = new java.util.HashMap<>();
        openings.forEach(o -> byId.put(o.id(), o));
        tx.run(OPEN_EACH, Map.of("rows", openings.stream().map(o -> parameters(o, now)).toList())).list()
                .forEach(r -> flagged(byId.get(r.get("param").get("id").asString()), r));
    }

    private static Map<String, Object> parameters(Opening o, ZonedDateTime now) {
        return Cypher.params("id", o.id(), "kind", o.kind().name(), "personId", o.personId(), "owedBy", o.owedBy(),
                "region", o.regionCode(), "dueOn", o.dueOn(), "now", now,
                "workingDays", WORKING_DAY_KINDS.contains(o.kind()), "years", yearsCounted(o.dueOn()));
    }

    /** An obligation whose due date was counted without some years of its calendar is logged. */
    private void flagged(Opening o, Record r) {
        if (r.get("missing").isNull() || r.get("missing").isEmpty()) {
            return;
        }
        String jurisdiction = r.get("jurisdiction").asString("?");
        List<Integer> missing = r.get("missing").asList(v -> v.asInt());
        // once per calendar and years lacking: a batch file of 10,000 releases would otherwise say it 10,000 times
        boolean first = calendarsWarnedOf.add(jurisdiction + missing);
        String message = "Obligation {} ({}) is due {} by the calendar of {} without its dated days for {} (movable"
                + " holidays, transfers by decree): counted with the rule-based holidays only, marked dueDateProvisional"
                + (first ? "; further obligations counted so are logged at DEBUG" : "");
        if (first) {
            log.warn(message, o.id(), o.kind(), o.dueOn(), jurisdiction, missing);
        } else {
            log.debug(message, o.id(), o.kind(), o.dueOn(), jurisdiction, missing);
        }
    }

    /**
     * The years a working-day count ending on {@code dueOn} may have read: the month before it (a count
     * forward of a few working days) and the week after it (E1 moves back from its nominal day).
     */
    static List<Integer> yearsCounted(LocalDate dueOn) {
        return java.util.stream.Stream.of(dueOn.minusDays(31), dueOn, dueOn.plusDays(7)).map(LocalDate::getYear)
                .distinct().toList();
    }

    /** Per obligation id: the calendar years its due date was counted without (empty: none), and the jurisdiction. */
    Map<String, CalendarNote> calendarNotes(Collection<String> ids) {
        return driver.executableQuery(CALENDAR_NOTES).withParameters(Map.of("ids", Set.copyOf(ids))).withConfig(Cypher.READ)
                .execute().records().stream().collect(java.util.stream.Collectors.toMap(r -> r.get("id").asString(),
                        r -> new CalendarNote(r.get("jurisdiction").asString(null), r.get("missing").asList(v -> v.asInt()))));
    }

    record CalendarNote(String jurisdiction, List<Integer> yearsMissing) {
    }

    /** Meets an open obligation inside the caller's transaction (a duty no outbox delivery meets, such as E3's). */
    public void meet(TransactionContext tx, String id) {
        tx.run(MEET, Map.of("id", id, "now", ZonedDateTime.now())).consume();
    }

    /** The person's open obligation of a kind, the soonest due, if any. */
    public Optional<Obligation> openOf(String personId, ObligationKind kind) {
        return driver.executableQuery(OPEN_OF.formatted(FIELDS)).withParameters(Map.of("personId", personId, "kind", kind.name()))
                .withConfig(Cypher.READ).execute().records().stream().map(ObligationRepository::asObligation).findFirst();
    }

    public Optional<Obligation> byId(String id) {
        return driver.executableQuery(BY_ID.formatted(FIELDS)).withParameters(Map.of("id", id))
                .execute().records().stream().map(ObligationRepository::asObligation).findFirst();
    }

    /** Opens an E7 duty about an emergency inside the caller's transaction, due at an instant (hours of real time). */
    public void openForEmergency(TransactionContext tx, String id, ObligationKind kind, String emergencyId, String owedBy,
                                 String regionCode, ZonedDateTime dueAt, ZonedDateTime now) {
        tx.run(OPEN_FOR_EMERGENCY, Cypher.params("id", id, "kind", kind.name(), "emergencyId", emergencyId,
                "owedBy", owedBy, "region", regionCode, "dueAt", dueAt, "now", now)).consume();
    }

    /** Meets an open obligation at the moment the duty was done (a telephone call made before it was recorded); false if it was not open. */
    public boolean meetAt(TransactionContext tx, String id, ZonedDateTime at) {
        return tx.run(MEET_AT, Map.of("id", id, "at", at)).hasNext();
    }

    /** The duties about these emergencies (E7); the caller has checked that it sees the emergencies. */
    public Map<String, List<Obligation>> ofEmergencies(Collection<String> emergencyIds) {
        Map<String, List<Obligation>> byEmergency = Batches.emptyLists(emergencyIds);
        driver.executableQuery(OF_EMERGENCIES).withParameters(Map.of("ids", Set.copyOf(emergencyIds))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> byEmergency.get(r.get("emergencyId").asString()).add(asObligation(r)));
        return byEmergency;
    }

    /** Cancels an open obligation inside the caller's transaction: the duty no longer exists (E3: the person goes elsewhere). */
    public void cancel(TransactionContext tx, String id) {
        tx.run(CANCEL, Map.of("id", id, "now", ZonedDateTime.now())).consume();
    }

    /** The persons' obligations, less the E3 ones the caller may not know of (HealthScope). */
    public Map<String, List<Obligation>> ofPersons(Collection<String> personIds, HealthScope health) {
        Map<String, List<Obligation>> byPerson = Batches.emptyLists(personIds);
        driver.executableQuery(OF_PERSONS).withParameters(health.addedTo(Cypher.params("ids", Set.copyOf(personIds)))).withConfig(Cypher.READ)
                .execute().records().forEach(r -> byPerson.get(r.get("personId").asString()).add(asObligation(r)));
        return byPerson;
    }

    /** Overdue obligations about persons within the caller's scope (duties in hours: as of the start of asOf, UTC). */
    public Connection<Obligation> overdue(String party, String region, LocalDate asOf, int first, Cursor after,
                                          PersonScope scope, HealthScope health) {
        return overdue(party, region, asOf, asOf.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), first, after,
                scope, EmergencyScope.NOBODY, health);
    }

    /**
     * Overdue obligations within the caller's scopes: those in days due before {@code asOf}, those in
     * hours due before {@code asOfInstant}; duties about emergencies within the emergency scope.
     */
    public Connection<Obligation> overdue(String party, String region, LocalDate asOf, Instant asOfInstant, int first,
                                          Cursor after, PersonScope scope, EmergencyScope emergencies, HealthScope health) {
        Map<String, Object> parameters = health.addedTo(OVERDUE.parameters(scope, emergencies, Cypher.params(
                "party", party, "region", region, "asOf", asOf, "asOfInstant", asOfInstant.atZone(java.time.ZoneOffset.UTC),
                "limit", first + 1,
                "afterDue", after == null ? null : LocalDate.parse(after.key(0)),
                "afterId", after == null ? null : after.key(1))));
        List<Obligation> rows = driver.executableQuery(OVERDUE.cypher(scope, emergencies))
                .withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream().map(ObligationRepository::asObligation).toList();
        return Connection.ofOneExtra(rows, first, after != null,
                o -> new Cursor("obligation", List.of(o.dueOn().toString(), o.id())));
    }

    public static Obligation asObligation(org.neo4j.driver.types.MapAccessor r) {
        return new Obligation(r.get("id").asString(), r.get("kind").asString(), r.get("personId").asString(null),
                r.get("owedBy").asString(), r.get("region").asString(null), r.get("dueOn").asLocalDate(),
                r.get("status").asString(), r.get("metAt").isNull() ? null : r.get("metAt").asZonedDateTime(),
                r.get("registeredOn").isNull() ? null : r.get("registeredOn").asLocalDate(),
                r.get("dueAt").isNull() ? null : r.get("dueAt").asZonedDateTime(), r.get("emergencyId").asString(null));
    }
}
