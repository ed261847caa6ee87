package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.PersonScope;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/**
 * Reads of persons, always within the calling party's rows (schema/access-policy.yaml): every path to
 * a person (queries, nested fields, _entities) comes through here, so none can see past its scope.
 */
@Repository
public class PersonRepository {

    private static final String FIELDS = """
            p.id AS id, p.iin AS iin, p.surname AS surname, p.givenName AS givenName, p.patronymic AS patronymic,
            p.birthDate AS birthDate, p.sex AS sex, p.citizenship AS citizenship, p.sourceMessageId AS sourceMessageId
            """;
    private static final String BY_IINS = """
            UNWIND $iins AS iin
            MATCH (p:Person {iin: iin})
            WHERE %s
            RETURN %s
            """;
    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (p:Person {id: id})
            WHERE %s
            RETURN %s
            """;
    /** By an identity's key: one scoped statement whether the identity is unknown, hidden or visible. */
    private static final String BY_IDENTITY = """
            MATCH (:Identity {key: $key})<-[:HAS_IDENTITY]-(p:Person)
            WHERE %s
            RETURN %s
            """;
    /** Either key, in one query: the planner seeks both unique indexes and unions the results. */
    private static final String BY_KEYS = """
            MATCH (p:Person)
            WHERE (p.iin IN $iins OR p.id IN $ids) AND %s
            RETURN %s
            """;

    private final Driver driver;
    private final CallerScopes scopes;

    PersonRepository(Driver driver, CallerScopes scopes) {
        this.driver = driver;
        this.scopes = scopes;
    }

    public Map<String, Person> findByIins(Collection<String> iins) {
        return read(BY_IINS, Map.of("iins", Set.copyOf(iins))).stream().collect(Collectors.toMap(Person::iin, p -> p));
    }

    public Map<String, Person> findByIds(Collection<String> ids) {
        return read(BY_IDS, Map.of("ids", Set.copyOf(ids))).stream().collect(Collectors.toMap(Person::id, p -> p));
    }

    /**
     * The person holding an identity ({@link IdentifierKind#key}), if the caller's rows hold them: the
     * same single statement runs whether nobody, a hidden person or a visible one holds it.
     */
    public java.util.Optional<Person> findByIdentity(String identityKey) {
        return read(BY_IDENTITY, Map.of("key", identityKey)).stream().findFirst();
    }

    /** Persons by IIN or by hub id, as federation representations name them. */
    public List<Person> findByKeys(Collection<String> iins, Collection<String> ids) {
        return read(BY_KEYS, Map.of("iins", Set.copyOf(iins), "ids", Set.copyOf(ids)));
    }

    private List<Person> read(String template, Map<String, Object> keys) {
        PersonScope scope = scopes.currentPersonScope();
        Map<String, Object> parameters = scope.addedTo(keys);
        return driver.executableQuery(template.formatted(scope.condition("p"), FIELDS)).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream()
                .map(PersonRepository::asPerson)
                .toList();
    }

    private static Person asPerson(Record r) {
        return new Person(r.get("id").asString(), r.get("iin").asString(null),
                r.get("surname").asString(), r.get("givenName").asString(),
                r.get("patronymic").asString(null), r.get("birthDate").asLocalDate((LocalDate) null),
                Sex.valueOf(r.get("sex").asString()), r.get("citizenship").asString(), r.get("sourceMessageId").asString(null));
    }
}
