package kz.reentry.hub.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a refused request at once, as JSON. Not through sendError: its error dispatch would pass
 * the security chain again without the request's token and turn every refusal into a 401.
 */
final class EdgeReplies {

    private EdgeReplies() {
    }

    /** Refuses and records the refusal in the disclosure log, with the caller if one is authenticated. */
    static void refuse(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                       kz.reentry.hub.disclosure.DisclosureJournal journal, int status, String message) throws IOException {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        String client = authentication == null ? null : authentication.getName();
        String agency = authentication instanceof org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken
                ? kz.reentry.hub.security.Caller.current().agency() : null;
        journal.refused(client, agency, request.getHeader("X-End-User"), request.getHeader("X-Purpose"),
                status + " " + request.getRequestURI());
        refuse(response, status, message);
    }

    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
