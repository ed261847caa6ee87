package kz.reentry.hub.person;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/**
 * Reads of persons, always within the calling party's rows (schema/access-policy.yaml): every path to
 * a person (queries, nested fields, _entities) comes through here, so none can see past its scope.
 */
@Repository
public class PersonRepository {

    /** A person's columns, as every read of persons returns them ({@link #asPerson}). */
    public static final String FIELDS = """
            p.id AS id, p.iin AS iin, p.surname AS surname, p.givenName AS givenName, p.patronymic AS patronymic,
            p.birthDate AS birthDate, p.sex AS sex, p.citizenship AS citizenship, p.sourceMessageId AS sourceMessageId,
            p.claimedIin AS claimedIin
            """;
    private static final ScopedRead BY_IINS = ScopedRead.of("""
            UNWIND $iins AS iin
            MATCH (p:Person {iin: iin})
            WHERE {rows of p}
            RETURN %s
            """.formatted(FIELDS));
    private static final ScopedRead BY_IDS = ScopedRead.of("""
            UNWIND $ids AS id
            MATCH (p:Person {id: id})
            WHERE {rows of p}
            RETURN %s
            """.formatted(FIELDS));
    /**
     * By an identity's key: its holder, else a record of the caller's own that claims it
     * ({@link PersonIdentityRepository#register}); one scoped statement whether the identity is
     * unknown, held by a hidden person or by a visible one.
     */
    private static final ScopedRead BY_IDENTITY = ScopedRead.of("""
            CALL () {
                MATCH (:Identity {key: $key})<-[:HAS_IDENTITY]-(p:Person) RETURN p, 0 AS rank
                UNION ALL
                MATCH (:IdentityClaim {key: $key})<-[:CLAIMS_IDENTITY]-(p:Person) RETURN p, 1 AS rank
            }
            WITH p, rank WHERE {rows of p}
            RETURN %s
            ORDER BY rank, p.id
            LIMIT 1
            """.formatted(FIELDS));
    /** What a caller finds by an IIN it asks for: the holder, or a record of its own that claims it. */
    private static final ScopedRead BY_ASKED_IINS = ScopedRead.of("""
            MATCH (p:Person)
            WHERE (p.iin IN $iins OR p.claimedIin IN $iins) AND {rows of p}
            RETURN %s
            """.formatted(FIELDS));
    /** Either key, in one query: the planner seeks the indexes and unions the results. */
    private static final ScopedRead BY_KEYS = ScopedRead.of("""
            MATCH (p:Person)
            WHERE (p.iin IN $iins OR p.claimedIin IN $iins OR p.id IN $ids) AND {rows of p}
            RETURN %s
            """.formatted(FIELDS));

    private final Driver driver;
    private final CallerScopes scopes;

    PersonRepository(Driver driver, CallerScopes scopes) {
        this.driver = driver;
        this.scopes = scopes;
    }

    /** The holders of these IINs, as far as the caller sees them: for IINs the graph itself links to. */
    public Map<String, Person> findByIins(Collection<String> iins) {
        return read(BY_IINS, Map.of("iins", Set.copyOf(iins))).stream().collect(Collectors.toMap(Person::iin, p -> p));
    }

    /**
     * The persons a caller finds by the IINs it asks for: the holder where the caller sees it, else a
     * record of the caller's own that claims the IIN ({@link PersonIdentityRepository#register}).
     */
    public Map<String, Person> lookUpByIins(Collection<String> iins) {
        return byAskedIin(read(BY_ASKED_IINS, Map.of("iins", Set.copyOf(iins))), iins);
    }

    /** Of the persons found for each asked IIN, the holder before a claimant, so the answer is one person. */
    static Map<String, Person> byAskedIin(List<Person> found, Collection<String> iins) {
        Map<String, Person> byIin = new HashMap<>();
        found.stream().filter(p -> p.iin() != null).forEach(p -> byIin.put(p.iin(), p));
        found.stream().filter(p -> p.iin() == null && p.claimedIin() != null)
                .sorted(java.util.Comparator.comparing(Person::id))
                .forEach(p -> byIin.putIfAbsent(p.claimedIin(), p));
        byIin.keySet().retainAll(Set.copyOf(iins));
        return byIin;
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

    private List<Person> read(ScopedRead read, Map<String, Object> keys) {
        PersonScope scope = scopes.currentPersonScope();
        return driver.executableQuery(read.cypher(scope)).withParameters(read.parameters(scope, keys))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(PersonRepository::asPerson)
                .toList();
    }

    public static Person asPerson(org.neo4j.driver.types.MapAccessor r) {
        return new Person(r.get("id").asString(), r.get("iin").asString(null),
                r.get("surname").asString(), r.get("givenName").asString(),
                r.get("patronymic").asString(null), r.get("birthDate").asLocalDate((LocalDate) null),
                Sex.valueOf(r.get("sex").asString()), r.get("citizenship").asString(), r.get("sourceMessageId").asString(null),
                r.get("claimedIin").asString(null));
    }
}
