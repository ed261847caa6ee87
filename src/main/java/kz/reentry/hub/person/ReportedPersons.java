package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.KeyStarted;
import kz.reentry.hub.history.RevisedWrite;
import kz.reentry.hub.history.RevisionDiff;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Persons as another system reports them (the penal system's release data, later the medical
 * service's): merged on the IIN, with the IIN as an identity, the earlier values kept as a revision.
 * They are Kazakhstan's persons (jurisdiction KZ): the IIN and the reporting systems are Kazakh.
 */
@Component
public class ReportedPersons {

    private static final String CURRENT = """
            MATCH (p:Person {iin: $key})
            RETURN p {.surname, .givenName, .patronymic, .birthDate, .sex, .citizenship} AS current
            """;
    private static final String WRITE = """
            MERGE (p:Person {iin: $key})
            ON CREATE SET p.createdAt = $now, p.id = randomUUID(), p.cellKey = toInteger(rand() * 4294967296),
                          p.jurisdiction = 'KZ'
            SET p += $values, p.updatedAt = $now, p.sourceMessageId = $messageId, p.searchName = $searchName
            FOREACH (previous IN $revisions | CREATE (p)-[:PREVIOUSLY]->(r:Revision) SET r = previous)
            MERGE (identity:Identity {key: 'KZ_IIN:' + $key})
            ON CREATE SET identity.kind = 'KZ_IIN', identity.value = $key, identity.number = $key, identity.country = 'KZ'
            MERGE (p)-[:HAS_IDENTITY]->(identity)
            """;
    private static final RevisedWrite.Statements PERSON = RevisedWrite.Statements.of(CURRENT, WRITE);
    private static final KeyStarted ID = KeyStarted.of("MATCH (p:Person {iin: $iin}) RETURN p.id AS id");

    /** A person as the source names them; the sex follows from the IIN. */
    public record ReportedPerson(String iin, String surname, String givenName, String patronymic, LocalDate birthDate,
                                 String citizenship) {
    }

    /** What filing did to the person, and the person's hub id. */
    public record Filed(RevisionDiff.Outcome outcome, String personId) {
    }

    public Filed file(TransactionContext tx, ReportedPerson person, RevisedWrite.Source source) {
        var outcome = RevisedWrite.write(tx, PERSON, person.iin(), values(person), source, links(person));
        String personId = tx.run(ID.alone(), Map.of("iin", person.iin())).single().get("id").asString();
        return new Filed(outcome, personId);
    }

    /** A person of a group of records, and the message that reports them. */
    public record Reported(ReportedPerson person, RevisedWrite.Source source) {
    }

    /**
     * {@link #file} for many persons (each IIN once) in three statements, whatever their number.
     *
     * @return what filing did to each, in order
     */
    public List<Filed> fileAll(TransactionContext tx, List<Reported> reported) {
        var outcomes = RevisedWrite.writeAll(tx, PERSON, reported.stream().map(r -> new RevisedWrite.Row(
                r.person().iin(), values(r.person()), r.source(), links(r.person()))).toList());
        Map<String, String> ids = new HashMap<>();
        tx.run(ID.perRow(), Map.of("rows", reported.stream().map(r -> Map.of("iin", r.person().iin())).toList()))
                .list().forEach(r -> ids.put(r.get("param").get("iin").asString(), r.get("id").asString()));
        List<Filed> filed = new ArrayList<>(reported.size());
        for (int i = 0; i < reported.size(); i++) {
            String id = ids.get(reported.get(i).person().iin());
            if (id == null) {
                throw new IllegalStateException("person " + reported.get(i).person().iin() + " was not filed");
            }
            filed.add(new Filed(outcomes.get(i), id));
        }
        return filed;
    }

    private static Map<String, Object> values(ReportedPerson person) {
        Map<String, Object> values = new HashMap<>();
        values.put("surname", person.surname());
        values.put("givenName", person.givenName());
        values.put("patronymic", person.patronymic());
        values.put("birthDate", person.birthDate());
        values.put("sex", new Iin(person.iin()).sex().name());
        values.put("citizenship", person.citizenship());
        return values;
    }

    private static Map<String, Object> links(ReportedPerson person) {
        return Map.of("searchName", Transliteration.searchField(person.surname(), person.givenName(), person.patronymic()));
    }
}
