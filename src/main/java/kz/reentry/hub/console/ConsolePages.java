package kz.reentry.hub.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's Today and case pages. Each shows what one or a few GraphQL documents answer for the
 * signed-in person (ConsoleGraphQl); nothing here reads the graph.
 */
@Controller
@ConditionalOnConsole
class ConsolePages {

    /** The purpose given when a case was opened, kept for the session (X-Purpose of the case's requests). */
    static final String CASE_PURPOSE = "console.casePurpose";
    static final String TODAY_PURPOSE = "operator-console: today";

    private static final Pattern IIN = Pattern.compile("\\d{12}");
    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9_:-]{1,100}");
    private static final Pattern PURPOSE = Pattern.compile("\\S.{0,199}");
    private static final List<String> HANDOFF_KINDS = List.of("E3_HANDOFF_ACKNOWLEDGEMENT", "E4_REFERRAL_ANSWER");

    private final ConsoleGraphQl graphQl;
    private final Clock clock;

    ConsolePages(ConsoleGraphQl graphQl, Clock clock) {
        this.graphQl = graphQl;
        this.clock = clock;
    }

    @GetMapping("/login")
    String signIn() {
        return "console/sign-in";
    }

    @GetMapping("/console")
    String today(OAuth2AuthenticationToken person, HttpServletRequest request, Model model) {
        LocalDate today = LocalDate.now(clock);
        var releases = graphQl.run("today-releases", Map.of("from", today.toString(), "to", today.plusDays(90).toString()),
                TODAY_PURPOSE, person, request);
        var overdue = graphQl.run("today-overdue", Map.of(), TODAY_PURPOSE, person, request);
        var due = graphQl.run("today-due", Map.of("until", today.plusDays(30).toString()), TODAY_PURPOSE, person, request);

        List<Map<String, Object>> soon = new ArrayList<>();
        List<Map<String, Object>> later = new ArrayList<>();
        for (Map<String, Object> release : nodes(releases.data(), "upcomingReleases")) {
            LocalDate date = LocalDate.parse((String) release.get("date"));
            (date.isAfter(today.plusDays(30)) ? later : soon).add(release);
        }
        List<Duty> overdueDuties = duties(nodes(overdue.data(), "overdueObligations"), today);
        List<Duty> dueDuties = duties(nodes(due.data(), "dueObligations"), today);
        Map<String, Integer> overdueByKind = new TreeMap<>();
        overdueDuties.forEach(duty -> overdueByKind.merge(duty.kind(), 1, Integer::sum));
        Map<String, Integer> dueByKind = new TreeMap<>();
        dueDuties.forEach(duty -> dueByKind.merge(duty.kind(), 1, Integer::sum));
        List<Duty> handoffs = new ArrayList<>();
        overdueDuties.stream().filter(duty -> HANDOFF_KINDS.contains(duty.kind())).forEach(handoffs::add);
        dueDuties.stream().filter(duty -> HANDOFF_KINDS.contains(duty.kind())).forEach(handoffs::add);

        model.addAttribute("today", today);
        model.addAttribute("soon", soon);
        model.addAttribute("later", later);
        model.addAttribute("releasesRefused", releases.refused("upcomingReleases"));
        model.addAttribute("overdue", overdueDuties);
        model.addAttribute("overdueByKind", overdueByKind);
        model.addAttribute("overdueRefused", overdue.refused("overdueObligations"));
        model.addAttribute("due", dueDuties);
        model.addAttribute("dueByKind", dueByKind);
        model.addAttribute("dueRefused", due.refused("dueObligations"));
        model.addAttribute("handoffs", handoffs);
        return "console/today";
    }

    @GetMapping("/console/case")
    String openCase(HttpSession session, Model model) {
        model.addAttribute("purpose", session.getAttribute(CASE_PURPOSE));
        return "console/open-case";
    }

    /** Opening a case asks why; the purpose is kept for the session and sent with each of the case's requests. */
    @PostMapping("/console/case")
    String openCase(@RequestParam String iin, @RequestParam String purpose, OAuth2AuthenticationToken person,
                    HttpServletRequest request, HttpSession session, Model model) {
        model.addAttribute("iin", iin);
        model.addAttribute("purpose", purpose);
        if (!IIN.matcher(iin.strip()).matches() || !PURPOSE.matcher(purpose.strip()).matches()) {
            model.addAttribute("invalid", true);
            return "console/open-case";
        }
        session.setAttribute(CASE_PURPOSE, purpose.strip());
        var found = graphQl.run("find-person", Map.of("iin", iin.strip()), purpose.strip(), person, request);
        if (found.data().get("person") instanceof Map<?, ?> hit && hit.get("id") instanceof String id) {
            return "redirect:/console/case/" + id;
        }
        model.addAttribute("notFound", true);
        return "console/open-case";
    }

    @GetMapping("/console/case/{id}")
    String showCase(@PathVariable String id, OAuth2AuthenticationToken person, HttpServletRequest request,
                    HttpSession session, Model model) {
        if (!(session.getAttribute(CASE_PURPOSE) instanceof String purpose) || !HUB_ID.matcher(id).matches()) {
            return "redirect:/console/case";
        }
        var answer = graphQl.run("case", Map.of("id", id), purpose, person, request);
        var timeline = graphQl.run("case-timeline", Map.of("id", id), purpose, person, request);
        model.addAttribute("purpose", purpose);
        model.addAttribute("person", answer.data().get("personById"));
        model.addAttribute("withheld", answer.withheld());
        model.addAttribute("problems", answer.problems());
        model.addAttribute("timeline", nodes(timeline.data(), "caseTimeline"));
        return "console/case";
    }

    /** An obligation as a row of the Today page: days late counted from its date (0 when not yet due). */
    record Duty(String kind, LocalDate dueOn, long daysLate, String owedBy, Object person) {
    }

    @SuppressWarnings("unchecked")
    private static List<Duty> duties(List<Map<String, Object>> obligations, LocalDate today) {
        return obligations.stream().map(node -> {
            LocalDate dueOn = LocalDate.parse((String) node.get("dueOn"));
            String owedBy = node.get("owedBy") instanceof Map<?, ?> party ? (String) ((Map<String, Object>) party).get("name") : null;
            return new Duty((String) node.get("kind"), dueOn, Math.max(0, ChronoUnit.DAYS.between(dueOn, today)),
                    owedBy, node.get("person"));
        }).toList();
    }

    /** The nodes of a connection in the answer, none when it was refused or absent. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> nodes(Map<String, Object> data, String field) {
        if (data != null && data.get(field) instanceof Map<?, ?> connection
                && ((Map<String, Object>) connection).get("edges") instanceof List<?> edges) {
            return edges.stream().map(edge -> (Map<String, Object>) ((Map<String, Object>) edge).get("node")).toList();
        }
        return List.of();
    }
}
