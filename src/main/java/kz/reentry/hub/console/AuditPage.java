package kz.reentry.hub.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Audit page (the prosecutor's auditors, AUDIT_READ): disclosures by person, agency and
 * period, the chain of the disclosure log verified, and a person's subject-access export. Another party's
 * person sees the API's refusal.
 */
@Controller
@ConditionalOnConsole
class AuditPage {

    static final String PURPOSE = "operator-console: audit";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_:-]{1,100}");

    private final ConsoleGraphQl graphQl;

    AuditPage(ConsoleGraphQl graphQl) {
        this.graphQl = graphQl;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String person, @RequestParam(required = false) String agency,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @RequestParam(required = false) String verify,
                 OAuth2AuthenticationToken signedIn, HttpServletRequest request, Model model) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("person", blankToNull(person));
        variables.put("agency", blankToNull(agency));
        variables.put("from", from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        variables.put("to", to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        model.addAttribute("filter", Map.of("person", person == null ? "" : person, "agency", agency == null ? "" : agency,
                "from", from == null ? "" : from.toString(), "to", to == null ? "" : to.toString()));
        var disclosures = graphQl.run("disclosures", variables, PURPOSE, signedIn, request);
        model.addAttribute("entries", ConsolePages.nodes(disclosures.data(), "disclosures"));
        model.addAttribute("refused", disclosures.refused("disclosures"));
        if (verify != null) {
            var verification = graphQl.run("verify-disclosure-log", Map.of(), PURPOSE, signedIn, request);
            model.addAttribute("verification", verification.data().get("verifyDisclosureLog"));
            model.addAttribute("verificationRefused", verification.refused("verifyDisclosureLog"));
        }
        return "console/audit";
    }

    /**
     * The person's subject-access export (GET /disclosures/subject-access/{person} of the API) handed to the
     * browser as the file the API made. The purpose is asked for (the person's request, its number), as the
     * API asks for it; the export is recorded in the disclosure log as the signed-in person. A refusal or an
     * unknown person goes back to the page with what the API said.
     */
    @PostMapping("/console/audit/subject-access")
    Object subjectAccess(@RequestParam String person, @RequestParam String purpose, OAuth2AuthenticationToken signedIn,
                         HttpServletRequest request, RedirectAttributes flash) {
        String id = person.strip();
        String why = purpose.strip();
        if (!CODE.matcher(id).matches() || why.isEmpty() || why.length() > 200) {
            flash.addFlashAttribute("exportProblem", "invalid");
            return "redirect:/console/audit";
        }
        var file = graphQl.get("/disclosures/subject-access/" + id, why, signedIn, request);
        if (file.status() == 200) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition()).body(file.body());
        }
        flash.addFlashAttribute("exportProblem", file.status() == 404 ? "notFound" : "refused");
        return "redirect:/console/audit?person=" + id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || !CODE.matcher(value.strip()).matches() ? null : value.strip();
    }
}
