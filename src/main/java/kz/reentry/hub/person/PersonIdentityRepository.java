package kz.reentry.hub.person;

import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Repository;

/** Identities, name variants and name search of persons. */
@Repository
public class PersonIdentityRepository {

    private static final String ADD_IDENTITY = """
            MATCH (p:Person {id: $personId})
            MERGE (i:Identity {key: $key})
            ON CREATE SET i.kind = $kind, i.value = $value, i.series = $series, i.number = $number
            SET i.issuer = $issuer, i.issuedOn = $issuedOn, i.validTo = $validTo, i.country = $country,
                i.recordedAt = $now, i.recordedBy = $by
            MERGE (p)-[:HAS_IDENTITY]->(i)
            SET p.updatedAt = $now
            """;
    /** A claim is the caller's own copy of what it said: the holder's Identity node is not touched. */
    private static final String CLAIM_IDENTITY = """
            MATCH (p:Person {id: $personId}), (holder:Person {id: $holderId})
            MERGE (p)-[:CLAIMS_IDENTITY]->(c:IdentityClaim {key: $key})
            SET c.kind = $kind, c.value = $value, c.series = $series, c.number = $number, c.issuer = $issuer,
                c.issuedOn = $issuedOn, c.validTo = $validTo, c.country = $country, c.recordedAt = $now, c.recordedBy = $by
            MERGE (p)-[:POSSIBLY_SAME_AS]->(holder)
            SET p.updatedAt = $now
            """;
    /** A registered person belongs to the jurisdiction of the agency that registered them (PersonScope). */
    private static final String REGISTER = """
            OPTIONAL MATCH (registrar:Party {code: $agency})
            CREATE (p:Person {jurisdiction: registrar.jurisdiction, id: $id, iin: $iin, claimedIin: $claimedIin, surname: $surname, givenName: $givenName,
                              patronymic: $patronymic, birthDate: $birthDate, sex: $sex, citizenship: $citizenship,
                              searchName: $searchName, createdAt: $now, updatedAt: $now, createdBy: $by,
                              registeredBy: $agency, cellKey: toInteger(rand() * 4294967296)})
            """;
    /** Everyone else who holds or claims the identity, and whether the caller sees them. */
    private static final ScopedRead OTHERS_WITH_IDENTITY = ScopedRead.of("""
            MATCH (:Identity {key: $key})<-[:HAS_IDENTITY]-(p:Person)
            WHERE p.id <> $personId
            RETURN p.id AS id, true AS holder, coalesce({rows of p}, false) AS visible
            UNION ALL
            MATCH (:IdentityClaim {key: $key})<-[:CLAIMS_IDENTITY]-(p:Person)
            WHERE p.id <> $personId
            RETURN p.id AS id, false AS holder, coalesce({rows of p}, false) AS visible
            """);
    private static final String ADD_VARIANT = """
            MATCH (p:Person {id: $personId})
            CREATE (p)-[:KNOWN_AS]->(:NameVariant {surname: $surname, givenName: $givenName, patronymic: $patronymic,
                                                    source: $source, recordedAt: $now, recordedBy: $by})
            SET p.variantSearchNames = trim(coalesce(p.variantSearchNames, '') + ' ' + $variantSearch), p.updatedAt = $now
            """;
    private static final String IDENTITIES = """
            UNWIND $ids AS id
            MATCH (:Person {id: id})-[:HAS_IDENTITY|CLAIMS_IDENTITY]->(i:Identity|IdentityClaim)
            RETURN id, i.kind AS kind, i.value AS value, i.series AS series, i.number AS number, i.issuer AS issuer,
                   i.issuedOn AS issuedOn, i.validTo AS validTo, i.country AS country
            ORDER BY i.issuedOn DESC, i.value
            """;
    private static final String VARIANTS = """
            UNWIND $ids AS id
            MATCH (:Person {id: id})-[:KNOWN_AS]->(v:NameVariant)
            RETURN id, v.surname AS surname, v.givenName AS givenName, v.patronymic AS patronymic, v.source AS source
            ORDER BY v.recordedAt
            """;
    /**
     * Candidates for a name search: the full-text index only decides who matches, never the order, and
     * only persons within the caller's rows come back (the condition is applied before the limit).
     */
    private static final ScopedRead SEARCH_CANDIDATES = ScopedRead.of("""
            CALL db.index.fulltext.queryNodes('person_names', $query) YIELD node
            WHERE {rows of node}
            RETURN node.id AS id, node.searchName AS name, node.variantSearchNames AS variants
            LIMIT $limit
            """);

    private final Driver driver;

    PersonIdentityRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * Adds the identity to a person. If another person the caller sees holds or claims it, nothing is
     * written and that person's id comes back. If only persons the caller cannot see hold it, the
     * identity is recorded as this person's claim (see {@link #register}), and the answer is the same
     * as for an identity nobody holds.
     */
    public Optional<String> addIdentity(String personId, NewIdentity identity, String by, PersonScope scope) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                Others others = others(tx, identity, personId, scope);
                if (others.visible().isPresent()) {
                    return others.visible();
                }
                if (others.hiddenHolder().isPresent()) {
                    claim(tx, personId, others.hiddenHolder().get(), identity, by);
                } else {
                    writeIdentity(tx, personId, identity, by);
                }
                return Optional.empty();
            });
        }
    }

    /**
     * Creates a person with its first identity in one transaction. If a person the caller sees already
     * holds or claims that identity, nothing is written and the result names that person.
     *
     * <p>If the identity is held only by a person the caller cannot see, the caller must learn nothing
     * of that person, not even that it exists, and must not get it into its rows by naming its
     * identifier; and the identifier must still have one holder. So the registration is answered
     * exactly as a new one, with a new record of the caller's own that <em>claims</em> the identity
     * (an IdentityClaim, and for an IIN {@code claimedIin}) and is linked POSSIBLY_SAME_AS to the
     * holder, for a party that sees both to reconcile. The holder, its Identity node and
     * {@code Person.iin} are not touched, and whatever is keyed by the IIN (intake, custody, history)
     * stays with the holder.
     */
    public Registration register(NewPerson person, NewIdentity identity, String by, String agency, PersonScope scope) {
        String id = java.util.UUID.randomUUID().toString();
        try (var session = driver.session()) {
            return session.executeWrite(tx -> {
                Others others = others(tx, identity, id, scope);
                if (others.visible().isPresent()) {
                    return new Registration(null, others.visible().get());
                }
                boolean claim = others.hiddenHolder().isPresent();
                String iin = identity.kind() == IdentifierKind.KZ_IIN ? identity.number() : null;
                tx.run(REGISTER, Cypher.params("id", id, "iin", claim ? null : iin, "claimedIin", claim ? iin : null,
                        "surname", person.surname(), "givenName", person.givenName(), "patronymic", person.patronymic(),
                        "birthDate", person.birthDate(), "sex", person.sex(), "citizenship", person.citizenship(),
                        "searchName", Transliteration.searchField(person.surname(), person.givenName(), person.patronymic()),
                        "now", ZonedDateTime.now(), "by", by, "agency", agency)).consume();
                if (claim) {
                    claim(tx, id, others.hiddenHolder().get(), identity, by);
                } else {
                    writeIdentity(tx, id, identity, by);
                }
                return new Registration(id, null);
            });
        }
    }

    /** Who else holds or claims the identity: one the caller sees, if any; else a holder it does not see. */
    private static Others others(TransactionContext tx, NewIdentity identity, String personId, PersonScope scope) {
        var rows = tx.run(OTHERS_WITH_IDENTITY.cypher(scope),
                OTHERS_WITH_IDENTITY.parameters(scope, Map.of("key", identity.key(), "personId", personId))).list();
        return new Others(
                rows.stream().filter(r -> r.get("visible").asBoolean()).map(r -> r.get("id").asString()).findFirst(),
                rows.stream().filter(r -> r.get("holder").asBoolean()).map(r -> r.get("id").asString()).findFirst());
    }

    private record Others(Optional<String> visible, Optional<String> hiddenHolder) {
    }

    private static void writeIdentity(TransactionContext tx, String personId, NewIdentity identity, String by) {
        tx.run(ADD_IDENTITY, identityParams(personId, identity, by)).consume();
    }

    private static void claim(TransactionContext tx, String personId, String holderId, NewIdentity identity, String by) {
        Map<String, Object> parameters = identityParams(personId, identity, by);
        parameters.put("holderId", holderId);
        tx.run(CLAIM_IDENTITY, parameters).consume();
    }

    private static Map<String, Object> identityParams(String personId, NewIdentity identity, String by) {
        return new HashMap<>(Cypher.params("personId", personId, "key", identity.key(),
                "kind", identity.kind().name(), "value", identity.value(), "series", identity.series(),
                "number", identity.number(), "issuer", identity.issuer(), "issuedOn", identity.issuedOn(),
                "validTo", identity.validTo(), "country", identity.country(), "now", ZonedDateTime.now(), "by", by));
    }

    public void addNameVariant(String personId, String surname, String givenName, String patronymic, String source,
                               String by) {
        driver.executableQuery(ADD_VARIANT).withParameters(Cypher.params("personId", personId, "surname", surname,
                "givenName", givenName, "patronymic", patronymic, "source", source, "by", by, "now", ZonedDateTime.now(),
                "variantSearch", Transliteration.searchField(surname, givenName, patronymic))).execute();
    }

    public Map<String, List<Identity>> identitiesOf(Collection<String> personIds) {
        Map<String, List<Identity>> byPerson = Batches.emptyLists(personIds);
        read(IDENTITIES, personIds).forEach(r -> byPerson.get(r.get("id").asString()).add(new Identity(
                r.get("id").asString(), r.get("kind").asString(), r.get("value").asString(),
                r.get("series").asString(null), r.get("number").asString(null), r.get("issuer").asString(null),
                r.get("issuedOn").isNull() ? null : r.get("issuedOn").asLocalDate(),
                r.get("validTo").isNull() ? null : r.get("validTo").asLocalDate(), r.get("country").asString())));
        return byPerson;
    }

    public Map<String, List<NameVariant>> variantsOf(Collection<String> personIds) {
        Map<String, List<NameVariant>> byPerson = Batches.emptyLists(personIds);
        read(VARIANTS, personIds).forEach(r -> byPerson.get(r.get("id").asString()).add(new NameVariant(
                r.get("id").asString(), r.get("surname").asString(), r.get("givenName").asString(null),
                r.get("patronymic").asString(null), r.get("source").asString())));
        return byPerson;
    }

    /**
     * The persons within the scope that a Lucene query matches, with the folded words of their names,
     * at most {@code limit}, in no particular order: the hub scores them itself (PersonSearch), because
     * Lucene's scores depend on every person in the index, hidden ones too.
     */
    public List<Candidate> searchCandidates(String luceneQuery, int limit, PersonScope scope) {
        Map<String, Object> parameters = SEARCH_CANDIDATES.parameters(scope, Cypher.params("query", luceneQuery, "limit", limit));
        return driver.executableQuery(SEARCH_CANDIDATES.cypher(scope)).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new Candidate(r.get("id").asString(), words(r.get("name").asString(null)),
                        words(r.get("variants").asString(null))))
                .toList();
    }

    private static List<String> words(String folded) {
        return folded == null || folded.isBlank() ? List.of() : List.of(folded.strip().split("\\s+"));
    }

    private List<Record> read(String query, Collection<String> ids) {
        return driver.executableQuery(query).withParameters(Map.of("ids", Set.copyOf(ids))).withConfig(Cypher.READ)
                .execute().records();
    }

    /** A person a search matched, with the folded words of its registered name and of its recorded variants. */
    public record Candidate(String personId, List<String> nameWords, List<String> variantWords) {
    }

    /** An identifier or document to record; {@code value} is what it is looked up by. */
    public record NewIdentity(IdentifierKind kind, String series, String number, String issuer,
                              java.time.LocalDate issuedOn, java.time.LocalDate validTo, String country) {

        String value() {
            return IdentifierKind.value(series, number);
        }

        String key() {
            return kind.key(value());
        }
    }

    /** Either the new person's id, or the id of the person who already holds the identity. */
    public record Registration(String personId, String identityHeldBy) {
    }

    public record NewPerson(String surname, String givenName, String patronymic, java.time.LocalDate birthDate,
                            String sex, String citizenship) {
    }
}
