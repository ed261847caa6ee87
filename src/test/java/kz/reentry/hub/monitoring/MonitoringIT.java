package kz.reentry.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a ministry's monitoring reads: probes without a token, metrics in Prometheus format with the role METRICS_READ. */
class MonitoringIT extends HubIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ExchangeGauges gauges;

    @Test
    @DisplayName("liveness and readiness answer UP without a token, and say nothing more")
    void probes() throws Exception {
        for (String probe : new String[] {"liveness", "readiness"}) {
            var reply = get("/actuator/health/" + probe, null);
            assertThat(reply.statusCode()).as(probe).isEqualTo(200);
            assertThat(reply.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    @DisplayName("metrics only with the role METRICS_READ: no token is 401, a party's token 403")
    void metricsNeedTheirRole() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", tokenFor("prosecutor-demo")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", tokenFor("monitoring-demo")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("intake records by exchange, channel and outcome; the outbox by recipient; overdue duties by kind; circuit breakers; GraphQL requests")
    void exchangeMetrics() throws Exception {
        String accepted = "hub_intake_records_total{application=\"reentry-hub\",channel=\"http\",exchange=\"E5\",outcome=\"accepted\"}";
        String rejected = "hub_intake_records_total{application=\"reentry-hub\",channel=\"http\",exchange=\"E5\",outcome=\"rejected\"}";
        double acceptedBefore = sample(metrics(), accepted);
        double rejectedBefore = sample(metrics(), rejected);

        // a notice due at once into Almaty (delivered to the stand-in), one into a region no receiver serves
        assertThat(postRelease(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2)).json()).status()).isEqualTo(200);
        assertThat(postRelease(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2)).set("release.residenceRegion", "KZ-47")
                .json()).status()).isEqualTo(200);
        assertThat(postRelease(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2)).set("person.iin", "123").json())
                .status()).isEqualTo(400);
        assertThat(graphQl("kuis-demo").document("{ batchFiles(first: 1) { id } }").executeSync().getErrors()).isEmpty();
        gauges.refresh();

        String text = metrics();
        assertThat(sample(text, accepted)).isEqualTo(acceptedBefore + 2);
        assertThat(sample(text, rejected)).isEqualTo(rejectedBefore + 1);
        assertThat(text).containsPattern("hub_outbox_messages\\{[^}]*recipient=\"KZ-MIO-47\"")
                .containsPattern("hub_outbox_oldest_age_seconds\\{[^}]*recipient=\"KZ-MIO-47\"")
                .containsPattern("hub_obligations_overdue\\{[^}]*kind=\"E1_RELEASE_NOTICE\"")
                .contains("hub_intake_dead_letters{")
                .containsPattern("graphql_request_seconds_count\\{")
                // a request is timed as a whole; timing each field of each answer cost more than it told
                .doesNotContain("graphql_datafetcher")
                .doesNotContain("graphql_dataloader")
                .doesNotContain("spring_security_")
                // Spring Integration's own meters of the flows that run the schedules and the dispatcher
                .containsPattern("spring_integration_send_seconds_count\\{[^}]*name=\"[^\"]+\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics().contains("hub_delivery_circuit_open{application=\"reentry-hub\",receiver=\"akimat-75\"} 0.0"));
        // counts and names of bodies, never a person
        assertThat(text).doesNotContainPattern("\\b\\d{12}\\b");
    }

    private String metrics() throws Exception {
        var reply = get("/actuator/prometheus", tokenFor("monitoring-demo"));
        assertThat(reply.statusCode()).isEqualTo(200);
        return reply.body();
    }

    /** The value of one sample, 0 when the series does not exist yet. */
    private static double sample(String text, String series) {
        var match = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return match.find() ? Double.parseDouble(match.group(1)) : 0;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
