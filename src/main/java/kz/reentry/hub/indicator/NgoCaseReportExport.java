package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.security.AccessPolicy;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.CellCount;
import kz.reentry.hub.security.RefusalLog;
import kz.reentry.hub.security.RequestContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * State social order reporting (E6) as a CSV file for the akimat's spreadsheet: the same report as
 * the query {@code ngoCaseReport}, one line an NGO, with the same small-cell rule (a withheld count is
 * an empty cell). Aggregates only, naming no person, so it is not a disclosure; like every call it
 * names the end user and purpose, and a refusal is logged.
 */
@RestController
class NgoCaseReportExport {

    static final String PATH = "/reports/ngo-cases.csv";
    /** The columns of the counts, named as the fields of NgoCaseReport in the schema. */
    private static final Map<String, Function<NgoCaseReport, CellCount>> COUNTS = new LinkedHashMap<>();

    static {
        COUNTS.put("assigned", NgoCaseReport::assigned);
        COUNTS.put("accepted", NgoCaseReport::accepted);
        COUNTS.put("declined", NgoCaseReport::declined);
        COUNTS.put("awaitingAnswer", NgoCaseReport::awaitingAnswer);
        COUNTS.put("inProgress", NgoCaseReport::inProgress);
        COUNTS.put("completed", NgoCaseReport::completed);
        COUNTS.put("handedBack", NgoCaseReport::handedBack);
        COUNTS.put("cancelled", NgoCaseReport::cancelled);
    }

    private final NgoCaseReportService reports;
    private final PartyRepository parties;
    private final AccessPolicy policy;
    private final CallerScopes scopes;
    private final RefusalLog refusals;

    NgoCaseReportExport(NgoCaseReportService reports, PartyRepository parties, AccessPolicy policy, CallerScopes scopes,
                        RefusalLog refusals) {
        this.reports = reports;
        this.parties = parties;
        this.policy = policy;
        this.scopes = scopes;
        this.refusals = refusals;
    }

    @GetMapping(PATH)
    @PreAuthorize("hasRole('INDICATORS_READ')")
    ResponseEntity<?> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String ngo, @RequestParam(required = false) String asOf,
                             @RequestHeader(name = RequestContext.END_USER_HEADER, required = false) String endUser,
                             @RequestHeader(name = RequestContext.PURPOSE_HEADER, required = false) String purpose) {
        Caller caller = Caller.authenticated().orElseThrow();
        if (endUser == null || endUser.isBlank() || purpose == null || purpose.isBlank()) {
            refusals.refused(caller.client(), caller.agency(), endUser, purpose, "NGO case report without X-End-User or X-Purpose");
            return refused("request.purpose", "headers", "Headers X-End-User (who is asking) and X-Purpose (why) are required");
        }
        List<NgoCaseReport> report;
        try {
            report = reports.report(date(from, "from"), date(to, "to"), ngo == null || ngo.isBlank() ? null : ngo,
                    asOf == null || asOf.isBlank() ? null : instant(asOf));
        } catch (InvalidArgumentException e) {
            return refused(e.argument(), e.rule(), e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("ngo-cases-" + from + "-" + to + ".csv").build().toString())
                .body(csv(report, scopes.partyKind(caller)));
    }

    private String csv(List<NgoCaseReport> report, String partyKind) {
        Map<String, Party> named = parties.findByCodes(report.stream().map(NgoCaseReport::ngoCode).toList());
        List<String> header = new ArrayList<>(List.of("ngo", "ngoName", "from", "to", "asOf"));
        header.addAll(COUNTS.keySet());
        report.stream().findFirst().ifPresent(first -> {
            first.timeToAcceptance().forEach(band -> header.add("timeToAcceptance." + band.within()));
            first.outcomes().forEach(outcome -> header.add("outcome." + outcome.outcome()));
        });
        StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
        for (NgoCaseReport line : report) {
            Party ngo = named.get(line.ngoCode());
            List<String> cells = new ArrayList<>(List.of(text(line.ngoCode()), text(ngo == null ? "" : ngo.name()),
                    line.from().toString(), line.to().toString(), line.asOf().toOffsetDateTime().toString()));
            COUNTS.values().forEach(count -> cells.add(published(count.apply(line), partyKind)));
            line.timeToAcceptance().forEach(band -> cells.add(published(band.cases(), partyKind)));
            line.outcomes().forEach(outcome -> cells.add(published(outcome.cases(), partyKind)));
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    /** The count as the access policy lets this party see it; a withheld small cell is an empty cell. */
    private String published(CellCount count, String partyKind) {
        return policy.smallCells().published(count, partyKind).map(String::valueOf).orElse("");
    }

    /** Quoted where CSV needs it; a leading = + - @ is neutralised so that a spreadsheet does not run it. */
    private static String text(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = safe.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quoted ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static LocalDate date(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(parameter, "required", "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(parameter, "date", "is not a date (YYYY-MM-DD)");
        }
    }

    private static OffsetDateTime instant(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("asOf", "dateTime", "is not an instant with offset (2026-11-23T10:15:30Z)");
        }
    }

    private static ResponseEntity<Map<String, Object>> refused(String parameter, String rule, String message) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 400, "parameter", parameter, "rule", rule, "message", message));
    }
}
