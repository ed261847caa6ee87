package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.party.Ngo;
import kz.reentry.hub.party.PartyRepository;
import org.springframework.stereotype.Service;

/** Checks the arguments of an NGO case report, in the caller's terms, and builds it. */
@Service
class NgoCaseReportService {

    private final NgoCaseReports reports;
    private final PartyRepository parties;

    NgoCaseReportService(NgoCaseReports reports, PartyRepository parties) {
        this.reports = reports;
        this.parties = parties;
    }

    /** The arguments are named as in the query and the CSV export alike: from, to, ngo, asOf. */
    List<NgoCaseReport> report(LocalDate from, LocalDate to, String ngo, OffsetDateTime asOf) {
        if (to.isBefore(from)) {
            throw new InvalidArgumentException("to", "dates.order", "must not be before 'from' (" + from + ")");
        }
        if (ngo != null && !(parties.findByCodes(List.of(ngo)).get(ngo) instanceof Ngo)) {
            throw new InvalidArgumentException("ngo", "party.notNgo", "'" + ngo + "' is not an NGO known to the hub");
        }
        return reports.report(from, to, ngo, asOf == null ? ZonedDateTime.now() : asOf.toZonedDateTime());
    }
}
