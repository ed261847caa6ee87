package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.HealthScope;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Repository;

/** Programmes, their measures with every update, and the assessments they answer. */
@Repository
public class ProgrammeRepository {

    private static final String PROGRAMME_FIELDS = """
            prog.id AS id, p.id AS personId, prog.status AS status, prog.createdAt AS createdAt,
            author.code AS drawnUpBy, a.id AS assessmentId, prog.closedAt AS closedAt, prog.closingNote AS closingNote
            """;
    private static final String PROGRAMME_LINKS = """
            MATCH (p:Person)-[:HAS_PROGRAMME]->(prog)-[:DRAWN_UP_BY]->(author:Party)
            OPTIONAL MATCH (prog)-[:BASED_ON]->(a:Assessment)
            """;
    private static final String PROGRAMMES_BY_IDS = """
            UNWIND $ids AS id
            MATCH (prog:Programme {id: id})
            %s
            RETURN %s
            """.formatted(PROGRAMME_LINKS, PROGRAMME_FIELDS);
    private static final String PROGRAMMES_OF_PERSONS = """
            UNWIND $ids AS personId
            MATCH (:Person {id: personId})-[:HAS_PROGRAMME]->(prog:Programme)
            %s
            RETURN %s
            ORDER BY prog.createdAt DESC
            """.formatted(PROGRAMME_LINKS, PROGRAMME_FIELDS);
    private static final String ACTIVE_PROGRAMME = """
            MATCH (:Person {id: $personId})-[:HAS_PROGRAMME]->(prog:Programme {status: 'ACTIVE'})
            RETURN prog.id AS id
            """;
    private static final String CREATE_PROGRAMME = """
            MATCH (p:Person {id: $personId}), (author:Party {code: $drawnUpBy})
            CREATE (p)-[:HAS_PROGRAMME]->(prog:Programme {id: $id, status: 'ACTIVE', createdAt: $now, createdBy: $by})
            CREATE (prog)-[:DRAWN_UP_BY]->(author)
            WITH prog
            OPTIONAL MATCH (a:Assessment {id: $assessmentId})
            FOREACH (x IN CASE WHEN a IS NULL THEN [] ELSE [a] END | CREATE (prog)-[:BASED_ON]->(x))
            SET prog.updatedAt = $now
            """;
    private static final String CLOSE_PROGRAMME = """
            MATCH (prog:Programme {id: $id, status: 'ACTIVE'})
            SET prog.status = 'CLOSED', prog.closedAt = $now, prog.closedBy = $by, prog.closingNote = $note,
                prog.updatedAt = $now
            """;
    private static final String MEASURE_FIELDS = """
            m.id AS id, prog.id AS programmeId, p.id AS personId, m.domain AS domain, m.description AS description,
            responsible.code AS responsible, m.deadline AS deadline, m.status AS status
            """;
    private static final String ADD_MEASURE = """
            MATCH (p:Person)-[:HAS_PROGRAMME]->(prog:Programme {id: $programmeId}), (responsible:Party {code: $responsible})
            CREATE (prog)-[:HAS_MEASURE]->(m:Measure {id: $id, domain: $domain, description: $description,
                                                     deadline: $deadline, status: 'NOT_STARTED', createdAt: $now})
            CREATE (m)-[:RESPONSIBLE]->(responsible)
            CREATE (m)-[:UPDATED]->(:MeasureUpdate {at: $now, by: $by, agency: $agency, status: 'NOT_STARTED',
                                                    deadline: $deadline, responsible: $responsible, note: 'drawn up'})
            SET prog.updatedAt = $now
            RETURN %s
            """.formatted(MEASURE_FIELDS);
    /** Less the HEALTH measures the caller may not know of (HealthScope), as if they did not exist. */
    private static final String MEASURES_BY_IDS = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:HAS_PROGRAMME]->(prog:Programme)-[:HAS_MEASURE]->(m:Measure {id: id})-[:RESPONSIBLE]->(responsible:Party)
            WHERE %s
            RETURN %s
            """.formatted(HealthScope.measureSeen("m", "prog"), MEASURE_FIELDS);
    /** Less the HEALTH measures the caller may not know of, so lists and the progress counts agree. */
    private static final String MEASURES_OF_PROGRAMMES = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:HAS_PROGRAMME]->(prog:Programme {id: id})-[:HAS_MEASURE]->(m:Measure)-[:RESPONSIBLE]->(responsible:Party)
            WHERE %s
            RETURN %s
            ORDER BY m.deadline, m.id
            """.formatted(HealthScope.measureSeen("m", "prog"), MEASURE_FIELDS);
    private static final String UPDATE_MEASURE = """
            MATCH (p:Person)-[:HAS_PROGRAMME]->(prog:Programme)-[:HAS_MEASURE]->(m:Measure {id: $id}),
                  (responsible:Party {code: $responsible})
            SET m.status = $status, m.deadline = $deadline, m.updatedAt = $now, prog.updatedAt = $now
            WITH p, prog, m, responsible
            OPTIONAL MATCH (m)-[old:RESPONSIBLE]->(other) WHERE other <> responsible
            DELETE old
            WITH DISTINCT p, prog, m, responsible
            MERGE (m)-[:RESPONSIBLE]->(responsible)
            CREATE (m)-[:UPDATED]->(:MeasureUpdate {at: $now, by: $by, agency: $agency, status: $status,
                                                    deadline: $deadline, responsible: $responsible, note: $note})
            RETURN %s
            """.formatted(MEASURE_FIELDS);
    /**
     * Another system's word on a person's measures of one domain (E4: the employment centre's outcome):
     * the measures of the active programme move to the status, only forward (NOT_STARTED, IN_PROGRESS,
     * then MET or DECLINED), each change kept with who said it.
     */
    private static final String MOVE_DOMAIN_MEASURES = """
            MATCH (:Person {id: $personId})-[:HAS_PROGRAMME]->(prog:Programme {status: 'ACTIVE'})
                  -[:HAS_MEASURE]->(m:Measure {domain: $domain})
            WHERE m.status IN CASE $status WHEN 'IN_PROGRESS' THEN ['NOT_STARTED']
                                          ELSE ['NOT_STARTED', 'IN_PROGRESS'] END
            SET m.status = $status, m.updatedAt = $now, prog.updatedAt = $now
            WITH m
            OPTIONAL MATCH (m)-[:RESPONSIBLE]->(responsible:Party)
            CREATE (m)-[:UPDATED]->(:MeasureUpdate {at: $now, by: $by, agency: $agency, status: $status,
                                                    deadline: m.deadline, responsible: responsible.code, note: $note})
            RETURN count(m) AS moved
            """;
    private static final String HISTORY = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:HAS_PROGRAMME]->(:Programme)-[:HAS_MEASURE]->(m:Measure {id: id})-[:UPDATED]->(u:MeasureUpdate)
            RETURN id, p.id AS personId, m.domain AS domain, u.at AS at, u.by AS by, u.agency AS agency, u.status AS status, u.deadline AS deadline,
                   u.responsible AS responsible, u.note AS note
            ORDER BY u.at DESC
            """;
    private static final String ASSESSMENT_FIELDS = """
            a.id AS id, p.id AS personId, a.assessedOn AS assessedOn, a.instrument AS instrument,
            a.riskScore AS riskScore, a.riskLevel AS riskLevel, a.needs AS needs, assessor.code AS assessedBy
            """;
    private static final String RECORD_ASSESSMENT = """
            MATCH (p:Person {id: $personId}), (assessor:Party {code: $assessedBy})
            CREATE (p)-[:ASSESSED]->(a:Assessment {id: $id, assessedOn: $assessedOn, instrument: $instrument,
                                                   riskScore: $riskScore, riskLevel: $riskLevel, needs: $needs,
                                                   recordedAt: $now, recordedBy: $by})
            CREATE (a)-[:BY]->(assessor)
            RETURN %s
            """.formatted(ASSESSMENT_FIELDS);
    private static final String ASSESSMENTS_OF_PERSONS = """
            UNWIND $ids AS personId
            MATCH (p:Person {id: personId})-[:ASSESSED]->(a:Assessment)-[:BY]->(assessor:Party)
            RETURN %s
            ORDER BY a.assessedOn DESC
            """.formatted(ASSESSMENT_FIELDS);
    private static final String ASSESSMENTS_BY_IDS = """
            UNWIND $ids AS id
            MATCH (p:Person)-[:ASSESSED]->(a:Assessment {id: id})-[:BY]->(assessor:Party)
            RETURN %s
            """.formatted(ASSESSMENT_FIELDS);

    /** A person's programmes by hub id, latest first: also folded into a person's case read. */
    public static final KeyedRead<Programme> PROGRAMMES_OF_PERSONS_READ = new KeyedRead<>(PROGRAMMES_OF_PERSONS,
            ProgrammeRepository::asProgramme);
    /** A programme's measures by programme id, less the HEALTH measures the HealthScope hides. */
    public static final KeyedRead<Measure> MEASURES_OF_PROGRAMMES_READ = new KeyedRead<>(MEASURES_OF_PROGRAMMES,
            ProgrammeRepository::asMeasure);

    private final Driver driver;

    ProgrammeRepository(Driver driver) {
        this.driver = driver;
    }

    public Optional<String> activeProgrammeOf(String personId) {
        return read(ACTIVE_PROGRAMME, Map.of("personId", personId)).stream().findFirst().map(r -> r.get("id").asString());
    }

    /** Creates the programme and its first measures in one transaction. */
    /** @param alsoWritten what else the drawing up writes, in its transaction (E2: the programme into the outbox) */
    public String create(String personId, String drawnUpBy, String assessmentId, List<NewMeasure> measures, Caller actor,
                         Consumer<TransactionContext> alsoWritten) {
        String id = UUID.randomUUID().toString();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run(CREATE_PROGRAMME, Cypher.params("id", id, "personId", personId, "drawnUpBy", drawnUpBy,
                        "assessmentId", assessmentId, "now", ZonedDateTime.now(), "by", actor.client())).consume();
                measures.forEach(m -> addMeasure(tx, id, m, actor));
                alsoWritten.accept(tx);
            });
        }
        return id;
    }

    public void close(String programmeId, String note, Caller actor) {
        driver.executableQuery(CLOSE_PROGRAMME).withParameters(Map.of("id", programmeId, "note", note,
                "now", ZonedDateTime.now(), "by", actor.client())).execute();
    }

    public Measure addMeasure(String programmeId, NewMeasure measure, Caller actor) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> addMeasure(tx, programmeId, measure, actor));
        }
    }

    public Measure updateMeasure(String measureId, MeasureStatus status, LocalDate deadline, String responsible,
                                 String note, Caller actor) {
        return asMeasure(driver.executableQuery(UPDATE_MEASURE).withParameters(Cypher.params("id", measureId,
                "status", status.name(), "deadline", deadline, "responsible", responsible, "note", note,
                "now", ZonedDateTime.now(), "by", actor.client(), "agency", actor.agency())).execute().records().getFirst());
    }

    /** Moves the person's measures of the domain forward to the status; returns how many moved. */
    public int moveDomainMeasures(String personId, String domain, MeasureStatus status, String note, Caller actor) {
        return driver.executableQuery(MOVE_DOMAIN_MEASURES).withParameters(Cypher.params("personId", personId,
                "domain", domain, "status", status.name(), "note", note, "now", ZonedDateTime.now(),
                "by", actor.client(), "agency", actor.agency())).execute().records().getFirst().get("moved").asInt();
    }

    public Assessment recordAssessment(String personId, String assessedBy, LocalDate assessedOn, String instrument,
                                       int riskScore, String riskLevel, List<String> needs, Caller actor) {
        return asAssessment(driver.executableQuery(RECORD_ASSESSMENT).withParameters(Cypher.params(
                "id", UUID.randomUUID().toString(), "personId", personId, "assessedBy", assessedBy,
                "assessedOn", assessedOn, "instrument", instrument, "riskScore", riskScore, "riskLevel", riskLevel,
                "needs", needs, "now", ZonedDateTime.now(), "by", actor.client())).execute().records().getFirst());
    }

    public Map<String, Programme> programmesByIds(Collection<String> ids) {
        return toMap(readKeys(PROGRAMMES_BY_IDS, ids).stream().map(ProgrammeRepository::asProgramme).toList());
    }

    public Map<String, List<Programme>> programmesOf(Collection<String> personIds) {
        Map<String, List<Programme>> byPerson = Batches.emptyLists(personIds);
        readKeys(PROGRAMMES_OF_PERSONS, personIds).forEach(r -> byPerson.get(r.get("personId").asString()).add(asProgramme(r)));
        return byPerson;
    }

    /** The measures by id that the caller may know of (a hidden HEALTH measure is left out, as a missing one). */
    public Map<String, Measure> measuresByIds(Collection<String> ids, HealthScope health) {
        Map<String, Measure> byId = new HashMap<>();
        read(MEASURES_BY_IDS, health.addedTo(Cypher.params("ids", Set.copyOf(ids))))
                .forEach(r -> byId.put(r.get("id").asString(), asMeasure(r)));
        return byId;
    }

    /** The programmes' measures the caller may know of (HealthScope). */
    public Map<String, List<Measure>> measuresOf(Collection<String> programmeIds, HealthScope health) {
        Map<String, List<Measure>> byProgramme = Batches.emptyLists(programmeIds);
        read(MEASURES_OF_PROGRAMMES, health.addedTo(Cypher.params("ids", Set.copyOf(programmeIds))))
                .forEach(r -> byProgramme.get(r.get("programmeId").asString()).add(asMeasure(r)));
        return byProgramme;
    }

    public Map<String, List<MeasureUpdate>> historyOf(Collection<String> measureIds) {
        Map<String, List<MeasureUpdate>> history = Batches.emptyLists(measureIds);
        readKeys(HISTORY, measureIds).forEach(r -> history.get(r.get("id").asString()).add(new MeasureUpdate(
                r.get("id").asString(), r.get("personId").asString(), r.get("domain").asString(), r.get("at").asZonedDateTime(), r.get("by").asString(), r.get("agency").asString(),
                r.get("status").asString(), r.get("deadline").asLocalDate(), r.get("responsible").asString(),
                r.get("note").asString(null))));
        return history;
    }

    public Map<String, List<Assessment>> assessmentsOf(Collection<String> personIds) {
        Map<String, List<Assessment>> byPerson = Batches.emptyLists(personIds);
        readKeys(ASSESSMENTS_OF_PERSONS, personIds).forEach(r -> byPerson.get(r.get("personId").asString()).add(asAssessment(r)));
        return byPerson;
    }

    public Map<String, Assessment> assessmentsByIds(Collection<String> ids) {
        Map<String, Assessment> byId = new HashMap<>();
        readKeys(ASSESSMENTS_BY_IDS, ids).forEach(r -> byId.put(r.get("id").asString(), asAssessment(r)));
        return byId;
    }

    private static Measure addMeasure(TransactionContext tx, String programmeId, NewMeasure m, Caller actor) {
        return asMeasure(tx.run(ADD_MEASURE, Cypher.params("programmeId", programmeId, "id", UUID.randomUUID().toString(),
                "domain", m.domain(), "description", m.description(), "deadline", m.deadline(),
                "responsible", m.responsible(), "now", ZonedDateTime.now(), "by", actor.client(),
                "agency", actor.agency())).single());
    }

    private List<Record> read(String query, Map<String, Object> parameters) {
        return driver.executableQuery(query).withParameters(parameters).withConfig(Cypher.READ).execute().records();
    }

    private List<Record> readKeys(String query, Collection<String> ids) {
        return read(query, Map.of("ids", Set.copyOf(ids)));
    }

    private static Map<String, Programme> toMap(List<Programme> programmes) {
        Map<String, Programme> byId = new HashMap<>();
        programmes.forEach(p -> byId.put(p.id(), p));
        return byId;
    }

    public static Programme asProgramme(org.neo4j.driver.types.MapAccessor r) {
        return new Programme(r.get("id").asString(), r.get("personId").asString(), r.get("status").asString(),
                r.get("createdAt").asZonedDateTime(), r.get("drawnUpBy").asString(), r.get("assessmentId").asString(null),
                r.get("closedAt").isNull() ? null : r.get("closedAt").asZonedDateTime(), r.get("closingNote").asString(null));
    }

    public static Measure asMeasure(org.neo4j.driver.types.MapAccessor r) {
        return new Measure(r.get("id").asString(), r.get("programmeId").asString(), r.get("personId").asString(),
                r.get("domain").asString(),
                r.get("description").asString(), r.get("responsible").asString(), r.get("deadline").asLocalDate(),
                MeasureStatus.valueOf(r.get("status").asString()));
    }

    private static Assessment asAssessment(Record r) {
        return new Assessment(r.get("id").asString(), r.get("personId").asString(), r.get("assessedOn").asLocalDate(),
                r.get("instrument").asString(), r.get("riskScore").asInt(), r.get("riskLevel").asString(),
                r.get("needs").asList(Value::asString), r.get("assessedBy").asString());
    }

    public record NewMeasure(String domain, String description, String responsible, LocalDate deadline) {
    }
}
