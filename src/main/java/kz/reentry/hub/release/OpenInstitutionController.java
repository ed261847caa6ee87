package kz.reentry.hub.release;

import java.util.List;

import kz.reentry.hub.obligation.Obligation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Belarus, resolution No. 15: arrivals at open-type institutions and the duties they set. */
@Controller
class OpenInstitutionController {

    private final OpenInstitutionArrivals arrivals;

    OpenInstitutionController(OpenInstitutionArrivals arrivals) {
        this.arrivals = arrivals;
    }

    @MutationMapping
    @PreAuthorize("hasRole('PERSON_STATE_WRITE')")
    List<Obligation> arriveAtOpenInstitution(@Argument OpenInstitutionArrivals.ArrivalInput input) {
        return arrivals.arrive(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PERSON_STATE_WRITE')")
    Obligation recordOpenInstitutionStep(@Argument OpenInstitutionArrivals.StepInput input) {
        return arrivals.recordStep(input);
    }
}
