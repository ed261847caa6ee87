package kz.reentry.hub.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import kz.reentry.hub.ConditionalOnUnset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's Audit page (the prosecutor's auditors, AUDIT_READ): disclosures by person, agency and
 * period, and the chain of the disclosure log verified. Another party's person sees the API's refusal.
 */
@Controller
@ConditionalOnUnset("spring.security.oauth2.resourceserver.jwt.issuer-uri")
@ConditionalOnBooleanProperty(name = "hub.console.enabled", matchIfMissing = true)
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || !CODE.matcher(value.strip()).matches() ? null : value.strip();
    }
}
