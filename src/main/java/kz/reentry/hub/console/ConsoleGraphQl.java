package kz.reentry.hub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import kz.reentry.hub.security.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the console's GraphQL documents (src/main/resources/console/*.graphql) as the signed-in person:
 * an ordinary POST to the hub's own {@code /graphql} on the loopback interface, with the person's access
 * token as bearer token and the purpose of the session, so that every check of the API applies unchanged
 * (ADR 0012). The end user is the token's person: the edge takes it from the token's claim end_user, whichever
 * issuer signed the person in (the embedded one or the ministry's provider), and refuses a header naming another.
 */
@Component
@ConditionalOnConsole
class ConsoleGraphQl {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(ConsoleGraphQl.class);

    private final Environment environment;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final String graphQlPath;
    private final RestClient http = RestClient.builder().build();
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    ConsoleGraphQl(Environment environment, OAuth2AuthorizedClientRepository authorizedClients,
                   @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        this.environment = environment;
        this.authorizedClients = authorizedClients;
        this.graphQlPath = graphQlPath;
    }

    /** The answer to one document, as the API gave it; a refusal of the API is in {@code errors}. */
    Answer run(String document, Map<String, Object> variables, String purpose,
               OAuth2AuthenticationToken person, HttpServletRequest request) {
        OAuth2AuthorizedClient client = token(person, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", text(document));
        body.put("variables", variables);
        String answer = http.post().uri(loopbackUrl() + graphQlPath)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue())
                .header(RequestContext.END_USER_HEADER, person.getName())
                .header(RequestContext.PURPOSE_HEADER, purpose)
                .body(body)
                .exchange((req, response) -> {
                    if (response.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                        throw new SignInAgain();
                    }
                    return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                });
        Answer result = Answer.of(JSON.readValue(answer, new TypeReference<Map<String, Object>>() { }));
        if (!result.problems().isEmpty()) {
            log.debug("The API answered the console's {} for {} with {}", document, person.getName(), result.problems());
        }
        return result;
    }

    /** A file of the hub's API as it answered it: status, the file name it gave, the bytes. */
    record Download(int status, String contentDisposition, byte[] body) {
    }

    /**
     * A GET of the hub's own API other than GraphQL (the subject-access export), on the loopback interface
     * as the signed-in person with the purpose given, so its role check and disclosure entry apply unchanged.
     */
    Download get(String path, String purpose, OAuth2AuthenticationToken person, HttpServletRequest request) {
        OAuth2AuthorizedClient client = token(person, request);
        return http.get().uri(loopbackUrl() + path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue())
                .header(RequestContext.END_USER_HEADER, person.getName())
                .header(RequestContext.PURPOSE_HEADER, purpose)
                .exchange((req, response) -> {
                    if (response.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                        throw new SignInAgain();
                    }
                    return new Download(response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION), response.getBody().readAllBytes());
                });
    }

    /** The session's access token, while it is valid; otherwise the person signs in again. */
    private OAuth2AuthorizedClient token(OAuth2AuthenticationToken person, HttpServletRequest request) {
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(ConsoleSecurity.REGISTRATION, person, request);
        if (client == null || client.getAccessToken().getExpiresAt() == null
                || client.getAccessToken().getExpiresAt().isBefore(Instant.now())) {
            throw new SignInAgain();
        }
        return client;
    }

    /** The hub itself on the loopback interface, where the console's server-side calls go. */
    private String loopbackUrl() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("The console's addresses are known once the web server listens");
        }
        return "http://127.0.0.1:" + port;
    }

    private String text(String document) {
        return documents.computeIfAbsent(document, name -> {
            try {
                return new ClassPathResource("console/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The session's token has expired or the API no longer takes it: the person signs in again. */
    static final class SignInAgain extends RuntimeException {
        SignInAgain() {
            super("sign in again", null, false, false);
        }
    }

    /**
     * An answer: its data as maps and lists (for the templates), what was withheld (the error's path,
     * joined by dots, to the reason the API gave, such as CRIMINAL_RECORD) and the other errors.
     */
    record Answer(Map<String, Object> data, Map<String, String> withheld, List<Problem> problems) {

        record Problem(String path, String message, String classification) {
        }

        @SuppressWarnings("unchecked")
        static Answer of(Map<String, Object> response) {
            Map<String, Object> data = response.get("data") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            Map<String, String> withheld = new LinkedHashMap<>();
            List<Problem> problems = new ArrayList<>();
            if (response.get("errors") instanceof List<?> errors) {
                for (Object item : errors) {
                    Map<String, Object> error = (Map<String, Object>) item;
                    String path = error.get("path") instanceof List<?> parts
                            ? String.join(".", parts.stream().map(String::valueOf).toList()) : "";
                    Map<String, Object> extensions = error.get("extensions") instanceof Map<?, ?> ext
                            ? (Map<String, Object>) ext : Map.of();
                    if (extensions.get("reason") instanceof String reason) {
                        withheld.put(path, reason);
                    } else {
                        problems.add(new Problem(path, String.valueOf(error.get("message")),
                                String.valueOf(extensions.getOrDefault("classification", ""))));
                    }
                }
            }
            if (!response.containsKey("data") && !response.containsKey("errors")) {
                // refused before GraphQL ran (the edge: size, rate, shape), as {status, message}
                problems.add(new Problem("", String.valueOf(response.get("message")), String.valueOf(response.get("status"))));
            }
            return new Answer(data, withheld, problems);
        }

        /** Whether a root field (or alias) was refused as a whole, so the page says so instead of showing nothing. */
        boolean refused(String root) {
            return problems.stream().anyMatch(problem -> problem.path().equals(root) || problem.path().isEmpty());
        }
    }
}
