package kz.reentry.hub.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Exchange health page: dead letters with their errors next to the payload, corrected in
 * place and replayed (replayDeadLetter), and outbound messages by receiver and status, a DEAD one sent
 * again (replayOutboundMessage). Who may see and replay what is the API's decision (roles, rows).
 */
@Controller
@ConditionalOnConsole
class ExchangeHealthPage {

    static final String PURPOSE = "operator-console: exchange health";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_:-]{1,100}");
    private static final List<String> STATUSES = List.of("PENDING", "DEAD", "DELIVERED");

    private final ConsoleGraphQl graphQl;

    ExchangeHealthPage(ConsoleGraphQl graphQl) {
        this.graphQl = graphQl;
    }

    @GetMapping("/console/exchange")
    String exchangeHealth(@RequestParam(defaultValue = "DEAD") String status, @RequestParam(required = false) String recipient,
                          @RequestParam(defaultValue = "day") String period,
                          @RequestParam(required = false) String lettersAfter, @RequestParam(required = false) String messagesAfter,
                          OAuth2AuthenticationToken person, HttpServletRequest request, Model model) {
        String shown = STATUSES.contains(status) ? status : "DEAD";
        String receiver = recipient == null || !ID.matcher(recipient.strip()).matches() ? null : recipient.strip();
        Map<String, Object> letterPage = new HashMap<>();
        letterPage.put("after", blankToNull(lettersAfter));
        var deadLetters = graphQl.run("dead-letters", letterPage, PURPOSE, person, request);
        Map<String, Object> variables = new HashMap<>();
        variables.put("status", shown);
        variables.put("recipient", receiver);
        variables.put("after", blankToNull(messagesAfter));
        var outbound = graphQl.run("outbound-messages", variables, PURPOSE, person, request);
        model.addAttribute("recipient", receiver == null ? "" : receiver);
        model.addAttribute("lettersNext", nextCursor(deadLetters.data(), "deadLetters"));
        model.addAttribute("messagesNext", nextCursor(outbound.data(), "outboundMessages"));
        model.addAttribute("deadLetters", ConsolePages.nodes(deadLetters.data(), "deadLetters"));
        model.addAttribute("deadLettersRefused", deadLetters.refused("deadLetters"));
        model.addAttribute("deadLettersWithheld", deadLetters.withheld());
        model.addAttribute("status", shown);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("outbound", ConsolePages.nodes(outbound.data(), "outboundMessages"));
        model.addAttribute("outboundRefused", outbound.refused("outboundMessages"));
        history(period, person, request, model);
        return "console/exchange";
    }

    /**
     * Intake per channel and the outbox's depth over the last 24 hours (by hour) or 30 days (by day), up to
     * the end of the current hour; each receiver's circuit and the latest batch files.
     */
    @SuppressWarnings("unchecked")
    private void history(String period, OAuth2AuthenticationToken person, HttpServletRequest request, Model model) {
        boolean month = "month".equals(period);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime to = now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        OffsetDateTime from = month ? to.minusDays(30) : to.minusHours(24);
        // intake in whole steps up to the end of this hour; the depth up to now
        Map<String, Object> variables = Map.of("from", from.toString(), "to", to.toString(), "now", now.toString(),
                "step", month ? "DAY" : "HOUR");
        var answer = graphQl.run("exchange-history", variables, PURPOSE, person, request);
        var data = answer.data();
        model.addAttribute("period", month ? "month" : "day");
        model.addAttribute("intake", data.get("intakeHistory") instanceof List<?> rows ? rows : List.of());
        model.addAttribute("intakeRefused", answer.refused("intakeHistory"));
        model.addAttribute("depthPlot", DepthPlot.of(data.get("outboxDepth") instanceof List<?> points
                ? (List<Map<String, Object>>) points : null));
        model.addAttribute("depthRefused", answer.refused("outboxDepth"));
        model.addAttribute("circuits", data.get("receiverCircuits") instanceof List<?> rows ? rows : List.of());
        model.addAttribute("circuitsRefused", answer.refused("receiverCircuits"));
        model.addAttribute("batchFiles", data.get("batchFiles") instanceof List<?> rows ? rows : List.of());
        model.addAttribute("batchFilesRefused", answer.refused("batchFiles"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The cursor of the next page of a connection, or null on its last page. */
    @SuppressWarnings("unchecked")
    private static String nextCursor(Map<String, Object> data, String field) {
        if (data != null && data.get(field) instanceof Map<?, ?> connection
                && ((Map<String, Object>) connection).get("pageInfo") instanceof Map<?, ?> page
                && Boolean.TRUE.equals(page.get("hasNextPage"))) {
            return (String) page.get("endCursor");
        }
        return null;
    }

    /** The payload as corrected in the form (unchanged when nothing was edited), replayed through the intake. */
    @PostMapping("/console/exchange/dead-letters/{id}/replay")
    String replayDeadLetter(@PathVariable String id, @RequestParam(required = false) String payload,
                            OAuth2AuthenticationToken person, HttpServletRequest request, RedirectAttributes flash) {
        if (!ID.matcher(id).matches()) {
            return "redirect:/console/exchange";
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", id);
        variables.put("payload", payload == null || payload.isBlank() ? null : payload);
        var answer = graphQl.run("replay-dead-letter", variables, PURPOSE, person, request);
        if (answer.data().get("replayDeadLetter") instanceof Map<?, ?> result) {
            flash.addFlashAttribute("replayed", Map.of("id", id, "accepted", result.get("accepted"), "result", result.get("deadLetter")));
        } else {
            flash.addFlashAttribute("replayRefused", answer.problems());
        }
        return "redirect:/console/exchange";
    }

    @PostMapping("/console/exchange/outbound/{id}/replay")
    String replayOutboundMessage(@PathVariable String id, OAuth2AuthenticationToken person,
                                 HttpServletRequest request, RedirectAttributes flash) {
        if (!ID.matcher(id).matches()) {
            return "redirect:/console/exchange";
        }
        var answer = graphQl.run("replay-outbound-message", Map.of("id", id), PURPOSE, person, request);
        if (answer.data().get("replayOutboundMessage") instanceof Map<?, ?> result) {
            flash.addFlashAttribute("sentAgain", result);
        } else {
            flash.addFlashAttribute("replayRefused", answer.problems());
        }
        return "redirect:/console/exchange?status=PENDING";
    }
}
