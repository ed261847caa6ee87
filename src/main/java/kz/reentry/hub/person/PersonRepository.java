package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

@Repository
public class PersonRepository {

    private static final String BY_IINS = """
            UNWIND $iins AS iin
            MATCH (p:Person {iin: iin})
            RETURN p.iin AS iin, p.surname AS surname, p.givenName AS givenName, p.patronymic AS patronymic,
                   p.birthDate AS birthDate, p.sex AS sex, p.citizenship AS citizenship
            """;

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

    private static Person asPerson(Record r) {
        return new Person(r.get("iin").asString(), r.get("surname").asString(), r.get("givenName").asString(),
                r.get("patronymic").asString(null), r.get("birthDate").asLocalDate((LocalDate) null),
                Sex.valueOf(r.get("sex").asString()), r.get("citizenship").asString());
    }
}
