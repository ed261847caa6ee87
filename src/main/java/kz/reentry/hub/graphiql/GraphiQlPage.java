package kz.reentry.hub.graphiql;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL at {@code /graphiql}, served whole by the hub: the page, its script and styles, React and
 * GraphiQL itself (from the WebJars in the pom), so that it works where there is no internet (a
 * ministry's closed network). Spring for GraphQL's own page loads all of these from a public CDN at
 * run time, so it is off (spring.graphql.graphiql.enabled: false) and this one takes its place,
 * switched by {@code hub.graphiql.enabled} (off in the production profile).
 * <p>
 * The page's Content-Security-Policy lets the browser load and send nothing beyond the hub's own
 * origin. The page is public; the queries it sends carry the token typed into its headers, and the
 * token is not kept in the browser's storage.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("hub.graphiql.enabled")
public class GraphiQlPage {

    public static final String PATH = "/graphiql";

    /** What the page loads, each by its exact path (SecurityConfiguration lets exactly these through). */
    public static final List<String> ASSETS = List.of(
            "/webjars/react/18.3.1/umd/react.production.min.js",
            "/webjars/react-dom/18.3.1/umd/react-dom.production.min.js",
            "/webjars/graphiql/2.4.7/graphiql.min.js",
            "/webjars/graphiql/2.4.7/graphiql.min.css",
            "/graphiql/hub-graphiql.js",
            "/graphiql/hub-graphiql.css");

    /**
     * Nothing from elsewhere: scripts, styles and requests only to the hub; GraphiQL's fonts and icons
     * are data: URLs inside its style sheet. No inline script or style element, no eval.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Resource PAGE = new ClassPathResource("static/graphiql/index.html");

    /** Before Spring for GraphQL's routes, should its own page be switched on as well. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphiQlPageRoute(@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        return RouterFunctions.route().GET(PATH, request -> page(request, graphQlPath)).build();
    }

    /** Like Spring's page: first a redirect that names the GraphQL endpoint, which the page's script reads. */
    private static ServerResponse page(ServerRequest request, String graphQlPath) {
        if (request.param("path").isEmpty()) {
            return ServerResponse.temporaryRedirect(request.uriBuilder().queryParam("path", graphQlPath).build()).build();
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .body(PAGE);
    }
}
