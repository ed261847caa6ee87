package kz.reentry.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole hub on a random port with its embedded Neo4j in a fresh directory and its embedded
 * token issuer. Every class extending this shares one application context (the main cost of the
 * suite), so tests make their own persons (new IINs) and never assume an empty graph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.neo4j.embedded.data-directory=target/test-graph/${random.uuid}",
        "hub.disclosure.journal=target/test-journal/${random.uuid}.jsonl",
        "hub.intake.batch-directory=target/test-batches/${random.uuid}",
        "spring.artemis.embedded.data-directory=target/test-broker/${random.uuid}",
        "hub.neo4j.embedded.bolt-port=0",
        "hub.neo4j.embedded.page-cache=64MB",
        "hub.security.embedded-issuer.issuer=http://hub.test",
        // a client with a tiny rate limit, for the edge tests
        "hub.security.embedded-issuer.clients.flood-test.secret=flood-test-secret",
        "hub.security.embedded-issuer.clients.flood-test.agency=KZ-OVD-75",
        "hub.security.embedded-issuer.clients.flood-test.region=KZ-75",
        "hub.security.embedded-issuer.clients.flood-test.roles=PERSON_READ",
        "hub.edge.requests-per-second-by-client.flood-test=3",
        // deliveries retried within a test's patience
        "hub.delivery.poll-interval=100ms",
        "hub.delivery.response-timeout-millis=1500",
        "hub.delivery.retry.initial-backoff=200ms",
        "hub.delivery.retry.max-backoff=1s",
        "hub.delivery.retry.max-attempts=6",
        "hub.delivery.circuit-breaker.minimum-calls=4",
        "hub.delivery.circuit-breaker.open-for=1s"
})
@Import({CypherQueryCounter.Wiring.class, MutableClock.Wiring.class, RecordedSpans.Wiring.class})
public abstract class HubIntegrationTest {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    /** The person at the keyboard and the purpose every test request names (X-End-User, X-Purpose). */
    public static final String END_USER = "officer-0042";
    public static final String PURPOSE = "case-2026-test";

    /** The akimat and police of KZ-75 on JSON, those of KZ-71 on the e-government bus (SOAP), the penal system's receipts on JSON. */
    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        var standIns = StandInReceivers.INSTANCE;
        registry.add("hub.delivery.receivers.akimat-75.agencies", () -> "KZ-MIO-75,KZ-MIO-75-*");
        registry.add("hub.delivery.receivers.akimat-75.endpoint", () -> standIns.endpoint("akimat"));
        registry.add("hub.delivery.receivers.police-75.agencies", () -> "KZ-OVD-75,KZ-OVD-75-*");
        registry.add("hub.delivery.receivers.police-75.endpoint", () -> standIns.endpoint("police"));
        registry.add("hub.delivery.receivers.police-75.token", () -> "police-receiver-token");
        registry.add("hub.delivery.receivers.bus-71.agencies", () -> "KZ-MIO-71,KZ-OVD-71");
        registry.add("hub.delivery.receivers.bus-71.endpoint", () -> standIns.endpoint("bus"));
        registry.add("hub.delivery.receivers.bus-71.format", () -> "SOAP");
        registry.add("hub.delivery.receivers.kuis.agencies", () -> "KZ-KUIS");
        registry.add("hub.delivery.receivers.kuis.endpoint", () -> standIns.endpoint("kuis"));
        // E4: the employment centre of KZ-75 on JSON, that of KZ-71 on the e-government bus
        registry.add("hub.delivery.receivers.czn-75.agencies", () -> "KZ-CZN-75");
        registry.add("hub.delivery.receivers.czn-75.endpoint", () -> standIns.endpoint("czn"));
        registry.add("hub.delivery.receivers.czn-71.agencies", () -> "KZ-CZN-71");
        registry.add("hub.delivery.receivers.czn-71.endpoint", () -> standIns.endpoint("czn-bus"));
        registry.add("hub.delivery.receivers.czn-71.format", () -> "SOAP");
        // E3: health bodies on FHIR messaging, each its own base on the stand-in FHIR server; the
        // demo's own stand-in receiver (application.yaml) takes nothing here
        registry.add("hub.delivery.receivers.demo-health.agencies", () -> "");
        for (String agency : StandInHealthOrganisation.AGENCIES) {
            String name = "health-" + agency.toLowerCase();
            registry.add("hub.delivery.receivers." + name + ".agencies", () -> agency);
            registry.add("hub.delivery.receivers." + name + ".endpoint", () -> StandInHealthOrganisation.INSTANCE.base(agency));
            registry.add("hub.delivery.receivers." + name + ".format", () -> "FHIR");
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Driver driver;

    @Autowired
    protected CypherQueryCounter cypherQueries;

    protected RestClient http;

    @BeforeEach
    void httpClient() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    /** For set-up that runs before each test's own set-up (@BeforeAll with a per-class lifecycle). */
    private RestClient http() {
        if (http == null) {
            httpClient();
        }
        return http;
    }

    /** A real access token from the hub's token endpoint, by client credentials. */
    protected String tokenFor(String clientId) {
        return TOKENS.computeIfAbsent(port + "/" + clientId, key -> {
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            JsonNode body = http().post().uri("/oauth2/token")
                    .headers(h -> h.setBasicAuth(clientId, clientId + "-secret"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve().body(JsonNode.class);
            return body.get("access_token").asString();
        });
    }

    /** A GraphQL client acting as the given demo client; operations come from graphql-test/*.graphql. */
    protected HttpSyncGraphQlClient graphQl(String clientId) {
        return graphQlWithToken(tokenFor(clientId));
    }

    protected HttpSyncGraphQlClient graphQlWithToken(String token) {
        return HttpSyncGraphQlClient.builder(RestClient.create("http://localhost:" + port + "/graphql"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-End-User", END_USER)
                .header("X-Purpose", PURPOSE)
                .documentSource(new ResourceDocumentSource(
                        List.of(new ClassPathResource("graphql-test/")), List.of(".graphql")))
                .build();
    }

    /** Posts a release record as the penal system's demo client. */
    protected Reply postRelease(String json) {
        return postRelease(json, tokenFor("kuis-demo"));
    }

    protected Reply postRelease(String json, String token) {
        return postJson("/intake/releases", token, json);
    }

    /** Posts a JSON body to an intake path with this token, as the test's end user and purpose. */
    protected Reply postJson(String path, String token, String json) {
        return http().post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange((request, response) -> {
                    String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Reply(response.getStatusCode().value(), text.isBlank() ? null : JSON.readTree(text));
                });
    }

    /** Posts a vacancy feed (E4) as a demo client: JSON (array or lines) or CSV, as the content type says. */
    protected Reply postVacancies(String feed, String contentType, String clientId) {
        return http().post().uri("/intake/e4/vacancies")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(clientId))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .contentType(MediaType.parseMediaType(contentType))
                .body(feed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange((request, response) -> {
                    String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Reply(response.getStatusCode().value(), text.isBlank() ? null : JSON.readTree(text));
                });
    }

    /** Files a release record through the intake and returns the hub id of its person. */
    protected String filed(ReleaseRecords record) {
        Reply reply = postRelease(record.json());
        if (reply.status() != 200) {
            throw new IllegalStateException("intake refused the test record: " + reply.body());
        }
        return driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();
    }

    /** The response has exactly one error, BAD_REQUEST, naming the argument and the rule. */
    protected static void assertBadRequest(ClientGraphQlResponse reply, String argument, String rule) {
        assertThat(reply.getErrors()).as("errors").singleElement().satisfies(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(error.getExtensions()).containsEntry("argument", argument).containsEntry("rule", rule);
            assertThat(error.getMessage()).startsWith("Argument '" + argument + "'");
        });
    }

    /** The response has exactly one error, of this classification. */
    protected static void assertErrorType(ClientGraphQlResponse reply, String type) {
        assertThat(reply.getErrors()).as("errors").singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo(type));
    }

    protected long count(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).execute()
                .records().getFirst().get(0).asLong();
    }

    public record Reply(int status, JsonNode body) {
    }
}
