package kz.reentry.hub.exchange;

import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.http.common.HttpConsumer;
import org.apache.camel.http.common.ServletResolveConsumerStrategy;

/**
 * Finds the intake route of a request under {@code /intake/*} by its exact path, as the access rules
 * name it. Camel's default strategy matches leniently (another letter case, a trailing slash), so a
 * path the access rules do not recognise could still reach a route; here it finds none (404). The
 * raw path must be the plain one too: no encoded characters, dot segments or path parameters.
 */
final class ExactIntakePaths implements ServletResolveConsumerStrategy {

    @Override
    public HttpConsumer resolve(HttpServletRequest request, Map<String, HttpConsumer> consumers) {
        return find(request, request.getMethod(), consumers);
    }

    @Override
    public boolean isHttpMethodAllowed(HttpServletRequest request, String method, Map<String, HttpConsumer> consumers) {
        return find(request, method, consumers) != null;
    }

    private static HttpConsumer find(HttpServletRequest request, String method, Map<String, HttpConsumer> consumers) {
        String path = request.getPathInfo();
        if (path == null || !request.getRequestURI().equals(request.getContextPath() + request.getServletPath() + path)) {
            return null;
        }
        return consumers.values().stream()
                .filter(consumer -> path.equals(consumer.getPath()))
                .filter(consumer -> allows(consumer.getEndpoint().getHttpMethodRestrict(), method))
                .findFirst().orElse(null);
    }

    private static boolean allows(String restrict, String method) {
        return restrict == null || Arrays.stream(restrict.split(",")).map(String::strip).anyMatch(method::equals);
    }
}
