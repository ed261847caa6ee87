package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

@Repository
public class PersonRepository {

    private static final String FIELDS = """
            p.id AS id, p.iin AS iin, p.surname AS surname, p.givenName AS givenName, p.patronymic AS patronymic,
            p.birthDate AS birthDate, p.sex AS sex, p.citizenship AS citizenship, p.sourceMessageId AS sourceMessageId
            """;
    private static final String BY_IINS = """
            UNWIND $iins AS iin
            MATCH (p:Person {iin: iin})
            RETURN %s
            """.formatted(FIELDS);
    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (p:Person {id: id})
            RETURN %s
            """.formatted(FIELDS);
    /** Either key, in one query: the planner seeks both unique indexes and unions the results. */
    private static final String BY_KEYS = """
            MATCH (p:Person)
            WHERE p.iin IN $iins OR p.id IN $ids
            RETURN %s
            """.formatted(FIELDS);

    private final Driver driver;

    PersonRepository(Driver driver) {
        this.driver = driver;
    }

    public Map<String, Person> findByIins(Collection<String> iins) {
        return driver.executableQuery(BY_IINS).withParameters(Map.of("iins", Set.copyOf(iins)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(PersonRepository::asPerson)
                .collect(Collectors.toMap(Person::iin, p -> p));
    }

    public Map<String, Person> findByIds(Collection<String> ids) {
        return driver.executableQuery(BY_IDS).withParameters(Map.of("ids", Set.copyOf(ids)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(PersonRepository::asPerson)
                .collect(Collectors.toMap(Person::id, p -> p));
    }

    /** Persons by IIN or by hub id, as federation representations name them. */
    public List<Person> findByKeys(Collection<String> iins, Collection<String> ids) {
        return driver.executableQuery(BY_KEYS).withParameters(Map.of("iins", Set.copyOf(iins), "ids", Set.copyOf(ids)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(PersonRepository::asPerson)
                .toList();
    }

    private static Person asPerson(Record r) {
        return new Person(r.get("id").asString(), r.get("iin").asString(null), r.get("surname").asString(), r.get("givenName").asString(),
                r.get("patronymic").asString(null), r.get("birthDate").asLocalDate((LocalDate) null),
                Sex.valueOf(r.get("sex").asString()), r.get("citizenship").asString(), r.get("sourceMessageId").asString(null));
    }
}
