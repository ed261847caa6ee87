package kz.reentry.hub.employment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.referral.ReferralReceivers;
import kz.reentry.hub.security.AccessPolicy;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Service;

/**
 * Suggests open vacancies for a person (VacancyMatching ranks them). The person is found within the
 * caller's rows, so one outside them is NOT_FOUND like one the hub does not know; what the match reads
 * of the person (specialities, qualifications, destination, preferred district) is each used only if
 * the access table lets the caller's kind of party see that field.
 */
@Service
class VacancyMatches {

    static final int MAX_FIRST = 100;
    /**
     * The newest open vacancies considered from the person's territory (the destination region, and the
     * preferred district's), and from elsewhere when the territory gives fewer matches than asked.
     */
    static final int CANDIDATES = 2000;

    /**
     * The person's specialities (latest planned release), the qualifications and preferred district of
     * the EMPLOYMENT referrals still open or done (latest first), the destination, and the region of the
     * preferred district when it is a district code.
     */
    private static final ScopedRead SEEKER = ScopedRead.of("""
            MATCH (p:Person {id: $personId}) WHERE {rows of p}
            """ + ReferralReceivers.DESTINATION_OF_P + """
            CALL (p) {
              OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)-[:ENDS_WITH]->(planned:PlannedRelease)
              WITH e, planned ORDER BY e.termStart DESC LIMIT 1
              RETURN planned.specialities AS specialities
            }
            CALL (p) {
              OPTIONAL MATCH (p)-[:REFERRED]->(r:Referral {kind: 'EMPLOYMENT'})
              WHERE NOT r.status IN ['REJECTED', 'CANCELLED']
              WITH r ORDER BY r.requestedAt DESC
              RETURN collect(r.qualifications) AS qualifications,
                     [district IN collect(r.preferredDistrict) WHERE district IS NOT NULL][0] AS preferredDistrict
            }
            OPTIONAL MATCH (district:District {code: preferredDistrict})-[:PART_OF]->(districtRegion:Region)
            RETURN destination.code AS destination, specialities, qualifications, district.code AS preferredDistrict,
                   districtRegion.code AS preferredDistrictRegion
            """);

    private final Driver driver;
    private final PersonLookup persons;
    private final CallerScopes scopes;
    private final AccessPolicy policy;
    private final VacancyRepository vacancies;

    VacancyMatches(Driver driver, PersonLookup persons, CallerScopes scopes, AccessPolicy policy,
                   VacancyRepository vacancies) {
        this.driver = driver;
        this.persons = persons;
        this.scopes = scopes;
        this.policy = policy;
        this.vacancies = vacancies;
    }

    List<VacancyMatch> matches(String personId, Integer first) {
        int size = first == null ? 10 : first;
        if (size < 1 || size > MAX_FIRST) {
            throw new InvalidArgumentException("first", "range", "must be between 1 and " + MAX_FIRST + ", not " + size);
        }
        Person person = persons.byId(personId, "personId");
        PersonScope scope = scopes.currentPersonScope();
        List<Record> rows = driver.executableQuery(SEEKER.cypher(scope))
                .withParameters(SEEKER.parameters(scope, Map.of("personId", person.id()))).withConfig(Cypher.READ)
                .execute().records();
        if (rows.isEmpty()) {
            throw new NotFoundException("No person with id " + personId + " (personId) is known to the hub");
        }
        var seeker = seeker(rows.getFirst(), scopes.partyKind(Caller.current()));
        List<String> regions = seeker.regions();
        List<Vacancy> candidates = new ArrayList<>(vacancies.candidates(regions, CANDIDATES));
        var ranked = VacancyMatching.rank(seeker, candidates, size);
        if (ranked.size() < size) {
            // too few in the person's own territory: vacancies elsewhere follow them (they rank after)
            candidates.addAll(vacancies.candidatesElsewhere(regions, CANDIDATES));
            ranked = VacancyMatching.rank(seeker, candidates, size);
        }
        return ranked.stream().map(s -> new VacancyMatch(person.id(), s.vacancy(), s.score(), s.reasons())).toList();
    }

    private VacancyMatching.Seeker seeker(Record row, String kind) {
        List<String> terms = new ArrayList<>();
        if (seen("PlannedRelease", "specialities", kind) && !row.get("specialities").isNull()) {
            // free text from the penal system: "электросварщик 4 разряда, слесарь"
            terms.addAll(List.of(row.get("specialities").asString().split("[,;\\n]")));
        }
        if (seen("EmploymentProfile", "qualifications", kind)) {
            row.get("qualifications").asList(list -> list.asList(v -> v.asString())).forEach(terms::addAll);
        }
        boolean district = seen("EmploymentProfile", "preferredDistrict", kind);
        return new VacancyMatching.Seeker(terms,
                seen("PlannedRelease", "residenceRegion", kind) ? row.get("destination").asString(null) : null,
                district ? row.get("preferredDistrict").asString(null) : null,
                district ? row.get("preferredDistrictRegion").asString(null) : null);
    }

    private boolean seen(String type, String field, String kind) {
        return FieldsSeen.always(policy, type, field, kind);
    }
}
