package kz.reentry.hub.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.PersonScope;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Service;

/**
 * E8: takes the sources' lists and compares them with each other and with the hub's facts, person by person
 * (instruction No. 7, 003 cl. 29, 49, 52). Reading is for prosecutors' offices, each within its region.
 */
@Service
class Reconciliations {

    static final String PROSECUTOR = "PROSECUTOR";
    /** A list longer than this is more than a region's parolees; the edge's body limit comes first anyway. */
    private static final int MAX_PERSONS = 20_000;

    private final ReconciliationRepository repository;
    private final CallerScopes scopes;
    private final PartyRepository parties;
    private final RegionRepository regions;
    private final PersonLookup persons;

    Reconciliations(ReconciliationRepository repository, CallerScopes scopes, PartyRepository parties,
                    RegionRepository regions, PersonLookup persons) {
        this.repository = repository;
        this.scopes = scopes;
        this.parties = parties;
        this.regions = regions;
        this.persons = persons;
    }

    /** The prosecutor's reconciliation: each source's latest list, the hub's facts, and who is missing where. */
    Reconciliation reconcile(String region, ReconciliationCategory category, LocalDate from, LocalDate to) {
        Caller caller = Caller.current();
        if (!PROSECUTOR.equals(scopes.partyKind(caller))) {
            throw new ForbiddenException("Reconciliations are the prosecutor's supervision (instruction No. 7, 003 cl. 29, 49, 52): "
                    + "only a prosecutor's office reads them");
        }
        regions.require("region", region);
        requireOrder(from, to, "to");
        PersonScope scope = scopes.currentPersonScope();
        if (!scope.seesAll() && !region.equals(caller.region())) {
            throw new ForbiddenException("A regional prosecutor's office reconciles its own region (" + caller.region()
                    + "), not " + region);
        }
        Map<ReconciliationSource, ReconciliationRepository.SourceList> lists = repository.latest(region, category, from, to);
        Map<ReconciliationSource, Map<String, ListedPerson>> listed = new LinkedHashMap<>();
        List<SourceTotal> totals = new ArrayList<>();
        for (ReconciliationSource source : ReconciliationSource.values()) {
            boolean expected = source == ReconciliationSource.HUB || category.expected().contains(source);
            List<ListedPerson> list = source == ReconciliationSource.HUB ? repository.hubFacts(region, category, from, to, scope)
                    : lists.containsKey(source) ? lists.get(source).persons() : null;
            if (list == null) {
                if (expected) {
                    totals.add(new SourceTotal(source, false, true, null, null, null));
                }
                continue;
            }
            Map<String, ListedPerson> byKey = new LinkedHashMap<>();
            list.forEach(p -> byKey.putIfAbsent(p.key(), p));
            listed.put(source, byKey);
            var given = lists.get(source);
            totals.add(new SourceTotal(source, true, expected, byKey.size(), given == null ? null : given.submittedBy(),
                    given == null ? null : given.receivedAt()));
        }
        Map<String, ListedPerson> everyone = new LinkedHashMap<>();
        listed.values().forEach(byKey -> byKey.forEach(everyone::putIfAbsent));
        List<Discrepancy> discrepancies = new ArrayList<>();
        everyone.forEach((key, first) -> {
            List<ReconciliationSource> in = new ArrayList<>();
            List<ReconciliationSource> out = new ArrayList<>();
            listed.forEach((source, byKey) -> (byKey.containsKey(key) ? in : out).add(source));
            if (!out.isEmpty()) {
                discrepancies.add(new Discrepancy(first.personId(), first.iin(), first.surname(), first.givenName(),
                        first.patronymic(), first.birthDate(), in, out));
            }
        });
        return new Reconciliation(region, category, from, to, totals, discrepancies);
    }

    /** A source's list: the source is the caller's party, checked against the reference data, never claimed. */
    ReconciliationStatement submit(StatementInput input) {
        Caller caller = Caller.current();
        ReconciliationSource source = ReconciliationSource.of(caller.agency(), scopes.partyKind(caller))
                .orElseThrow(() -> new ForbiddenException("Reconciliation lists come from the courts, the probation service, "
                        + "the police, the committee on legal statistics (КПСиСУ) and the penal system (003 cl. 29, 49, 52); "
                        + caller.agency() + " is none of them"));
        regions.require("input.region", input.region());
        requireOrder(input.from(), input.to(), "input.to");
        Party party = parties.findByCodes(List.of(caller.agency())).get(caller.agency());
        boolean national = party != null && caller.region() != null && caller.region().equals(party.jurisdiction());
        if (!national && !input.region().equals(caller.region())) {
            throw new ForbiddenException(caller.agency() + " gives lists for its own region (" + caller.region()
                    + "), not " + input.region());
        }
        if (input.messageId() == null || input.messageId().isBlank() || input.messageId().length() > 200) {
            throw new InvalidArgumentException("input.messageId", "required", "is required (at most 200 characters)");
        }
        if (input.persons().size() > MAX_PERSONS) {
            throw new InvalidArgumentException("input.persons", "size", "at most " + MAX_PERSONS + " persons a list");
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < input.persons().size(); i++) {
            lines.add(line(input.persons().get(i), "input.persons[" + i + "]"));
        }
        String id = UUID.nameUUIDFromBytes(String.join("\u001f", "ReconciliationStatement", caller.agency(),
                input.messageId()).getBytes(StandardCharsets.UTF_8)).toString();
        return repository.store(id, input.messageId(), source, caller.agency(), caller.client(), input.category(),
                input.region(), input.from(), input.to(), lines);
    }

    private Map<String, Object> line(PersonInput person, String at) {
        if (person.iin() == null && person.personId() == null) {
            throw new InvalidArgumentException(at + ".iin", "required", "an IIN, or the hub's id of the person, is required");
        }
        if (person.iin() != null) {
            Iin.check(person.iin()).ifPresent(problem -> {
                throw new InvalidArgumentException(at + ".iin", problem.rule(), problem.message());
            });
        }
        if (person.personId() != null) {
            persons.byId(person.personId(), at + ".personId");
        }
        for (var field : Map.of("surname", nullToEmpty(person.surname()), "givenName", nullToEmpty(person.givenName())).entrySet()) {
            if (field.getValue().isBlank() || field.getValue().length() > 100) {
                throw new InvalidArgumentException(at + "." + field.getKey(), "required", "is required (at most 100 characters)");
            }
        }
        Map<String, Object> line = new HashMap<>();
        line.put("iin", person.iin());
        line.put("personId", person.personId());
        line.put("surname", person.surname().strip());
        line.put("givenName", person.givenName().strip());
        line.put("patronymic", person.patronymic() == null || person.patronymic().isBlank() ? null : person.patronymic().strip());
        line.put("birthDate", person.birthDate());
        return line;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void requireOrder(LocalDate from, LocalDate to, String argument) {
        if (to.isBefore(from)) {
            throw new InvalidArgumentException(argument, "dates.order", "must not be before 'from' (" + from + ")");
        }
    }

    record StatementInput(String messageId, ReconciliationCategory category, String region, LocalDate from, LocalDate to,
                          List<PersonInput> persons) {
    }

    record PersonInput(String iin, String personId, String surname, String givenName, String patronymic,
                       LocalDate birthDate) {
    }
}
