package kz.reentry.hub.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.RequestContext;

/**
 * Answers a refused request at once, as JSON. Not through sendError: its error dispatch would pass
 * the security chain again without the request's token and turn every refusal into a 401.
 */
final class EdgeReplies {

    private EdgeReplies() {
    }

    /** Refuses and records the refusal in the disclosure log, with the caller if one is authenticated. */
    static void refuse(HttpServletRequest request, HttpServletResponse response,
                       DisclosureJournal journal, int status, String message) throws IOException {
        var caller = Caller.authenticated();
        journal.refused(caller.map(Caller::client).orElse(null), caller.map(Caller::agency).orElse(null),
                request.getHeader(RequestContext.END_USER_HEADER), request.getHeader(RequestContext.PURPOSE_HEADER), status + " " + request.getRequestURI());
        refuse(response, status, message);
    }

    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
