package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.territory.Region;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ReconciliationController {

    private final Reconciliations reconciliations;
    private final ReconciliationReports reports;
    private final ReferencedRecords referenced;

    ReconciliationController(Reconciliations reconciliations, ReconciliationReports reports, ReferencedRecords referenced) {
        this.reconciliations = reconciliations;
        this.reports = reports;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('RECONCILIATION')")
    Reconciliation reconciliation(@Argument String region, @Argument ReconciliationCategory category,
                                  @Argument LocalDate from, @Argument LocalDate to) {
        return reconciliations.reconcile(region, category, from, to);
    }

    @MutationMapping
    @PreAuthorize("hasRole('RECONCILIATION_SUBMIT')")
    ReconciliationStatement submitReconciliationStatement(@Argument Reconciliations.StatementInput input) {
        return reconciliations.submit(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('RECONCILIATION')")
    Obligation recordReconciliationReport(@Argument ReportInput input) {
        return reports.record(input.region(), input.report(), input.year(), input.period());
    }

    @BatchMapping
    Map<Reconciliation, Region> region(List<Reconciliation> list) {
        return referenced.regions(list, Reconciliation::regionCode);
    }

    @BatchMapping(typeName = "ReconciliationStatement", field = "region")
    Map<ReconciliationStatement, Region> statementRegion(List<ReconciliationStatement> list) {
        return referenced.regions(list, ReconciliationStatement::regionCode);
    }

    @BatchMapping(typeName = "ReconciliationStatement", field = "submittedBy")
    Map<ReconciliationStatement, Party> statementSubmittedBy(List<ReconciliationStatement> list) {
        return referenced.parties(list, ReconciliationStatement::submittedByCode);
    }

    @BatchMapping
    Map<SourceTotal, Party> submittedBy(List<SourceTotal> list) {
        return referenced.parties(list, SourceTotal::submittedByCode);
    }

    /** The hub's record of a listed person, only where the caller's rows hold them (null otherwise). */
    @BatchMapping
    Map<Discrepancy, Person> person(List<Discrepancy> list) {
        return referenced.persons(list, Discrepancy::personId);
    }

    record ReportInput(String region, ReconciliationReports.ReconciliationReportKind report, int year, Integer period) {
    }
}
