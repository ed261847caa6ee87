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

    static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
