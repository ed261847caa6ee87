package kz.reentry.hub.caseview;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.graph.KeyedRead;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.person.PersonRepository;
import kz.reentry.hub.programme.Measure;
import kz.reentry.hub.programme.Programme;
import kz.reentry.hub.programme.ProgrammeRepository;
import kz.reentry.hub.referral.Referral;
import kz.reentry.hub.referral.ReferralRepository;
import kz.reentry.hub.release.CustodyEpisode;
import kz.reentry.hub.release.CustodyRepository;
import kz.reentry.hub.release.PlannedRelease;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.security.ScopedRead;
import kz.reentry.hub.state.PersonState;
import kz.reentry.hub.state.PersonStateRepository;
import kz.reentry.hub.territory.RegionRepository;
import org.dataloader.DataLoader;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Service;

/**
 * A person's case, read in one Cypher statement compiled from the selection set: the person within
 * the caller's rows, and with it every list and reference below it that the selection asks for and
 * that is folded here ({@link Part}). Each part is the very read its {@code @BatchMapping} runs on its
 * own ({@link KeyedRead}), so it filters the same (the HealthScope on obligations, measures and
 * referrals); its rows prime that mapping's DataLoader, so the fields still resolve through their
 * controllers, with the field rules and the disclosure log as before, only without a statement of
 * their own. A field not folded here (history, progress, assessments...) loads by itself as before.
 */
@Service
class PersonCaseRead {

    /** What can be folded into the person's statement: the selection's path, the DataLoader it primes, the keys it reads by. */
    enum Part {
        EPISODES(null, "custodyEpisodes", "Person.custodyEpisodes", "__personIins", CustodyRepository.EPISODES_OF_PERSONS_READ),
        EPISODE_INSTITUTIONS(EPISODES, "institution", "CustodyEpisode.institution", "institutionCode", InstitutionRepository.BY_CODES_READ),
        RELEASES(EPISODES, "plannedRelease", "CustodyEpisode.plannedRelease", "id", CustodyRepository.RELEASES_OF_EPISODES_READ),
        RELEASE_REGIONS(RELEASES, "residenceRegion", "PlannedRelease.residenceRegion", "residenceRegionCode", RegionRepository.BY_CODES_READ),
        STATES(null, "states", "Person.states", "__personIds", PersonStateRepository.OF_PERSONS_READ),
        STATE_REGIONS(STATES, "region", "PersonState.region", "region", RegionRepository.BY_CODES_READ),
        OBLIGATIONS(null, "obligations", "Person.obligations", "__personIds", ObligationRepository.OF_PERSONS_READ),
        OBLIGATION_OWERS(OBLIGATIONS, "owedBy", "Obligation.owedBy", "owedBy", PartyRepository.BY_CODES_READ),
        OBLIGATION_REGIONS(OBLIGATIONS, "region", "Obligation.region", "region", RegionRepository.BY_CODES_READ),
        PROGRAMMES(null, "programmes", "Person.programmes", "__personIds", ProgrammeRepository.PROGRAMMES_OF_PERSONS_READ),
        MEASURES(PROGRAMMES, "measures", "Programme.measures", "id", ProgrammeRepository.MEASURES_OF_PROGRAMMES_READ),
        MEASURE_RESPONSIBLES(MEASURES, "responsible", "Measure.responsible", "responsible", PartyRepository.BY_CODES_READ),
        REFERRALS(null, "referrals", "Person.referrals", "__personIds", ReferralRepository.OF_PERSONS_READ),
        REFERRAL_SENDERS(REFERRALS, "from", "Referral.from", "from", PartyRepository.BY_CODES_READ),
        REFERRAL_RECEIVERS(REFERRALS, "to", "Referral.to", "to", PartyRepository.BY_CODES_READ);

        final Part parent;
        final String path;
        final String loader;
        /** For a top part, the list of the person's keys; below, the column of the parent's rows that holds the key. */
        final String keys;
        final KeyedRead<?> read;

        Part(Part parent, String field, String loader, String keys, KeyedRead<?> read) {
            this.parent = parent;
            this.path = parent == null ? field : parent.path + "/" + field;
            this.loader = loader;
            this.keys = keys;
            this.read = read;
        }

        String variable() {
            return "__" + name().toLowerCase();
        }

        String cypher() {
            if (parent == null) {
                return read.inline(keys, keys, variable());
            }
            return read.inline(parent.variable(), "[__row IN " + parent.variable() + " | __row.`" + keys + "`]", variable());
        }
    }

    /** Deeper than any part's path (fragments count as a level): the walk stops there. */
    private static final int MAX_DEPTH = 8;

    private final Driver driver;
    private final CallerScopes scopes;
    private final Map<Set<Part>, ScopedRead> statements = new ConcurrentHashMap<>();

    PersonCaseRead(Driver driver, CallerScopes scopes) {
        this.driver = driver;
        this.scopes = scopes;
    }

    /** The person with this hub id, as {@code personById} answers, its selected lists and references read with it. */
    Person byId(String id, DataFetchingEnvironment environment) {
        PersonLookup.checkId(id, "id");
        Set<Part> parts = selected(environment);
        PersonScope scope = scopes.currentPersonScope();
        ScopedRead read = statements.computeIfAbsent(parts, PersonCaseRead::statement);
        // the HealthScope's parameters, for the parts that hide health data (obligations, measures, referrals)
        Map<String, Object> parameters = scopes.currentHealthScope().addedTo(read.parameters(scope, Cypher.params("id", id)));
        List<Record> found = driver.executableQuery(read.cypher(scope)).withParameters(parameters)
                .withConfig(Cypher.READ).execute().records();
        if (found.isEmpty()) {
            throw PersonLookup.notFound(id, "id");
        }
        Record row = found.getFirst();
        Person person = PersonRepository.asPerson(row);
        prime(person, parts, row, environment);
        return person;
    }

    /**
     * The parts the selection asks for whose DataLoader this request has (each only below a selected
     * parent). The selection's field names are read from the document itself, fragments included:
     * graphql-java's DataFetchingFieldSelectionSet computes the whole normalized tree and matches
     * globs, which cost more than the statement saved. A part taken here that a directive then skips
     * only primes a loader nobody asks; a part missed is loaded by its own @BatchMapping.
     */
    private static Set<Part> selected(DataFetchingEnvironment environment) {
        Set<String> paths = new HashSet<>();
        for (Field field : environment.getMergedField().getFields()) {
            collect(field.getSelectionSet(), "", environment.getFragmentsByName(), paths, 0);
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (Part part : Part.values()) {
            if ((part.parent == null || parts.contains(part.parent)) && paths.contains(part.path)
                    && environment.getDataLoader(part.loader) != null) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The paths (field names joined by /) of the selection, as deep as the parts go. */
    private static void collect(SelectionSet selections, String prefix, Map<String, FragmentDefinition> fragments,
                                Set<String> paths, int depth) {
        if (selections == null || depth > MAX_DEPTH) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                String path = prefix + field.getName();
                paths.add(path);
                collect(field.getSelectionSet(), path + "/", fragments, paths, depth + 1);
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), prefix, fragments, paths, depth + 1);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collect(fragments.get(spread.getName()).getSelectionSet(), prefix, fragments, paths, depth + 1);
            }
        }
    }

    static ScopedRead statement(Set<Part> parts) {
        StringBuilder cypher = new StringBuilder("""
                MATCH (p:Person {id: $id})
                WHERE {rows of p}
                WITH p, [p.id] AS __personIds, CASE WHEN p.iin IS NULL THEN [] ELSE [p.iin] END AS __personIins
                """);
        List<String> returned = new ArrayList<>();
        for (Part part : parts) {
            cypher.append(part.cypher());
            returned.add(part.variable());
        }
        cypher.append("RETURN ").append(PersonRepository.FIELDS.strip());
        returned.forEach(variable -> cypher.append(", ").append(variable));
        return ScopedRead.of(cypher.append('\n').toString());
    }

    /** Each selected part's rows into the DataLoader of its field, keyed by the parent objects the field is asked on. */
    private static void prime(Person person, Set<Part> parts, Record row, DataFetchingEnvironment environment) {
        Map<Part, List<?>> rows = new HashMap<>();
        for (Part part : parts) {
            rows.put(part, part.read.rows(row.get(part.variable())));
        }
        for (Part part : parts) {
            DataLoader<Object, Object> loader = environment.getDataLoader(part.loader);
            List<?> found = rows.get(part);
            if (part.parent == null) {
                loader.prime(person, found);
                continue;
            }
            for (Object parent : rows.get(part.parent)) {
                loader.prime(parent, match(part, parent, found));
            }
        }
    }

    /** What a parent row's field holds: the list of children that point to it, or the one record its key names. */
    private static Object match(Part part, Object parent, List<?> found) {
        return switch (part) {
            case EPISODE_INSTITUTIONS -> first(found, r -> ((kz.reentry.hub.party.Institution) r).code(),
                    ((CustodyEpisode) parent).institutionCode());
            case RELEASES -> first(found, r -> ((PlannedRelease) r).custodyEpisodeId(), ((CustodyEpisode) parent).id());
            case RELEASE_REGIONS -> first(found, r -> ((kz.reentry.hub.territory.Region) r).code(),
                    ((PlannedRelease) parent).residenceRegionCode());
            case STATE_REGIONS -> first(found, r -> ((kz.reentry.hub.territory.Region) r).code(), ((PersonState) parent).regionCode());
            case OBLIGATION_OWERS -> first(found, r -> ((kz.reentry.hub.party.Party) r).code(), ((Obligation) parent).owedByCode());
            case OBLIGATION_REGIONS -> first(found, r -> ((kz.reentry.hub.territory.Region) r).code(), ((Obligation) parent).regionCode());
            case MEASURES -> found.stream().filter(m -> ((Measure) m).programmeId().equals(((Programme) parent).id())).toList();
            case MEASURE_RESPONSIBLES -> first(found, r -> ((kz.reentry.hub.party.Party) r).code(), ((Measure) parent).responsibleCode());
            case REFERRAL_SENDERS -> first(found, r -> ((kz.reentry.hub.party.Party) r).code(), ((Referral) parent).fromCode());
            case REFERRAL_RECEIVERS -> first(found, r -> ((kz.reentry.hub.party.Party) r).code(), ((Referral) parent).toCode());
            default -> throw new IllegalStateException(part + " is a person's own list");
        };
    }

    /** The record whose key is {@code key}; null for no key or none found (as Batches.matched answers). */
    private static Object first(List<?> found, Function<Object, String> keyOf, String key) {
        if (key == null) {
            return null;
        }
        Map<String, Object> byKey = new LinkedHashMap<>();
        found.forEach(r -> byKey.putIfAbsent(keyOf.apply(r), r));
        return byKey.get(key);
    }
}
