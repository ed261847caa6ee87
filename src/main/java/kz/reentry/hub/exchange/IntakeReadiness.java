package kz.reentry.hub.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.servlet.ServletEndpoint;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server takes requests before Camel has loaded and started the intake routes (and after it
 * has stopped them, while the hub shuts down). A 404 then would tell a sender that the address is
 * wrong and it may give up; 503 with Retry-After tells it to send the same message again shortly.
 */
class IntakeReadiness extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 5;

    private final CamelContext camel;

    IntakeReadiness(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (canFile(request.getPathInfo())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":\"NOT_READY\",\"message\":\"The hub is starting or stopping and files"
                + " nothing now; send the same message again in " + RETRY_AFTER_SECONDS + " seconds.\"}");
    }

    /** Camel started, and the route serving this path (if any route does) started too. */
    private boolean canFile(String path) {
        if (camel.getStatus() != ServiceStatus.Started) {
            return false;
        }
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof ServletEndpoint servlet && withoutSlash(servlet.getPath()).equals(withoutSlash(path))) {
                return camel.getRouteController().getRouteStatus(route.getId()) == ServiceStatus.Started;
            }
        }
        // no route serves it: the servlet's own answer (not found) is the right one
        return true;
    }

    private static String withoutSlash(String path) {
        return path == null ? "" : path.replaceFirst("^/+", "");
    }
}
