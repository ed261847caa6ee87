package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
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

    private final ReconciliationRepository repository;
    private final CallerScopes scopes;
    private final RegionRepository regions;
    private final StatementFiling filing;

    Reconciliations(ReconciliationRepository repository, CallerScopes scopes, RegionRepository regions,
                    StatementFiling filing) {
        this.repository = repository;
        this.scopes = scopes;
        this.regions = regions;
        this.filing = filing;
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

    /**
     * A source's list: the source is the caller's party, checked against the reference data, never claimed. The
     * checking and filing are the inbound route's too ({@link StatementFiling}); here the first broken rule is
     * answered in the caller's terms, the argument named as the mutation's input.
     */
    ReconciliationStatement submit(StatementInput input) {
        Caller caller = Caller.current();
        try {
            return filing.file(input, new StatementFiling.Sender(caller.agency(), caller.client())).statement();
        } catch (StatementFiling.Refused refused) {
            StatementFiling.Problem first = refused.problems().getFirst();
            throw switch (first.kind()) {
                case FORBIDDEN -> new ForbiddenException(first.message());
                case NOT_FOUND -> new NotFoundException(first.message());
                case BAD_REQUEST -> new InvalidArgumentException("input." + first.field(), first.rule(), first.message());
            };
        }
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
