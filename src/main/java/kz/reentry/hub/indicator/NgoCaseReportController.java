package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.party.Ngo;
import kz.reentry.hub.party.PartyRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** State social order reporting (E6): the GraphQL form; {@link NgoCaseReportExport} is the CSV one. */
@Controller
class NgoCaseReportController {

    private final NgoCaseReportService reports;
    private final PartyRepository parties;

    NgoCaseReportController(NgoCaseReportService reports, PartyRepository parties) {
        this.reports = reports;
        this.parties = parties;
    }

    @QueryMapping
    @PreAuthorize("hasRole('INDICATORS_READ')")
    List<NgoCaseReport> ngoCaseReport(@Argument LocalDate from, @Argument LocalDate to, @Argument String ngo,
                                      @Argument OffsetDateTime asOf) {
        return reports.report(from, to, ngo, asOf);
    }

    @BatchMapping
    Map<NgoCaseReport, Ngo> ngo(List<NgoCaseReport> list) {
        Map<String, Ngo> ngos = new HashMap<>();
        parties.findByCodes(Batches.keys(list, NgoCaseReport::ngoCode)).forEach((code, party) -> {
            if (party instanceof Ngo found) {
                ngos.put(code, found);
            }
        });
        return Batches.matched(list, NgoCaseReport::ngoCode, ngos);
    }
}
