package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.api.Batches;
import kz.reentry.hub.programme.Measure;
import kz.reentry.hub.programme.ProgrammeRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** E6 case work of the assigned NGO (schema/ngo-cases.graphqls). */
@Controller
class NgoCaseController {

    private final NgoCaseWork work;
    private final NgoCaseRepository cases;
    private final ProgrammeRepository programmes;

    private final CallerScopes scopes;

    NgoCaseController(NgoCaseWork work, NgoCaseRepository cases, ProgrammeRepository programmes, CallerScopes scopes) {
        this.scopes = scopes;
        this.work = work;
        this.cases = cases;
        this.programmes = programmes;
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral startCase(@Argument String referralId, @Argument String note) {
        return work.start(referralId, note);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral recordCaseContact(@Argument RecordCaseContactInput input) {
        return work.recordContact(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral recordCaseMeasure(@Argument RecordCaseMeasureInput input) {
        return work.recordMeasure(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral completeCase(@Argument CompleteCaseInput input) {
        return work.complete(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('NGO_CASEWORKER')")
    Referral handBackCase(@Argument String referralId, @Argument String reason) {
        return work.handBack(referralId, reason);
    }

    /** The outcome of a completed NGO case is kept as the referral's outcome. */
    @SchemaMapping(typeName = "Referral")
    CaseOutcome caseOutcome(Referral referral) {
        return "NGO_CASE".equals(referral.kind()) && referral.status() == ReferralStatus.COMPLETED && referral.outcome() != null
                ? CaseOutcome.valueOf(referral.outcome()) : null;
    }

    @BatchMapping(typeName = "Referral")
    Map<Referral, List<CaseContact>> contacts(List<Referral> referrals) {
        return Batches.matched(referrals, Referral::id, cases.contactsOf(Batches.keys(referrals, Referral::id)));
    }

    @BatchMapping(typeName = "Referral")
    Map<Referral, List<CaseMeasure>> measuresTaken(List<Referral> referrals) {
        return Batches.matched(referrals, Referral::id, cases.measuresOf(Batches.keys(referrals, Referral::id)));
    }

    @BatchMapping(typeName = "CaseMeasure")
    Map<CaseMeasure, Measure> measure(List<CaseMeasure> taken) {
        var ids = taken.stream().map(CaseMeasure::measureId).filter(java.util.Objects::nonNull).distinct().toList();
        return Batches.matched(taken, CaseMeasure::measureId, programmes.measuresByIds(ids, scopes.currentHealthScope()));
    }

    record RecordCaseContactInput(String referralId, LocalDate on, ContactKind kind, String note) {
    }

    record RecordCaseMeasureInput(String referralId, LocalDate on, String measureId, String domain, String note) {
    }

    record CompleteCaseInput(String referralId, CaseOutcome outcome, String note) {
    }
}
