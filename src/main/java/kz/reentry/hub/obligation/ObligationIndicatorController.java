package kz.reentry.hub.obligation;

import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ObligationIndicatorController {

    private final ObligationIndicators indicators;
    private final CallerScopes scopes;

    ObligationIndicatorController(ObligationIndicators indicators, CallerScopes scopes) {
        this.indicators = indicators;
        this.scopes = scopes;
    }

    /** Counts, like overdueObligations, for whoever reads persons: each within its own rows. */
    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    List<ObligationIndicator> obligationIndicators(@Argument LocalDate from, @Argument LocalDate to, @Argument String region) {
        if (to.isBefore(from)) {
            throw new InvalidArgumentException("to", "dates.order", "is before from (" + from + ")");
        }
        return indicators.tally(from, to, region, LocalDate.now(), scopes.currentPersonScope(), scopes.currentHealthScope());
    }
}
