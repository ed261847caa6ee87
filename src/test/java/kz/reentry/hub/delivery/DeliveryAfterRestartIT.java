package kz.reentry.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import kz.reentry.hub.HubApplication;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The hub stops after committing a release and its notices but before delivering them (here: an
 * instance whose dispatcher is off, stopped right after the intake). Started again on the same
 * graph, it delivers what the outbox holds.
 */
class DeliveryAfterRestartIT {

    @Test
    @DisplayName("messages committed by a hub that stopped before delivering them are delivered after restart")
    void deliversAfterRestart(@TempDir Path data) {
        var standIns = StandInReceivers.INSTANCE;
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2));

        try (var stopped = hub(data, false, "RestartHubServletA")) {
            String token = token(stopped);
            var reply = http(stopped).post().uri("/intake/releases").header("Authorization", "Bearer " + token)
                    .header("X-End-User", "officer-9").header("X-Purpose", "release-2026-77")
                    .contentType(MediaType.APPLICATION_JSON).body(record.json()).retrieve().body(JsonNode.class);
            assertThat(reply.get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(pending(stopped, record.iin())).isEqualTo(2);
        }
        assertThat(standIns.receiver("akimat").applied())
                .noneMatch(r -> record.iin().equals(r.content().get("person").get("iin").asString()));

        try (var restarted = hub(data, true, "RestartHubServletB")) {
            var received = await().atMost(Duration.ofSeconds(30)).until(() -> standIns.receiver("akimat").applied().stream()
                    .filter(r -> record.iin().equals(r.content().get("person").get("iin").asString())).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(received.endUser()).isEqualTo("officer-9");
            assertThat(received.purpose()).isEqualTo("release-2026-77");
            await().atMost(Duration.ofSeconds(30)).until(() -> pending(restarted, record.iin()) == 0);
            // delivered once, and still once after several more dispatcher polls
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(standIns.receiver("akimat").deliveries(received.messageId()))
                            .as("deliveries of %s", received.messageId()).isEqualTo(1));
        }
    }

    private static ConfigurableApplicationContext hub(Path data, boolean dispatcher, String servletName) {
        var standIns = StandInReceivers.INSTANCE;
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0",
                "--hub.neo4j.embedded.data-directory=" + data.resolve("graph"),
                "--hub.neo4j.embedded.bolt-port=0",
                "--hub.neo4j.embedded.page-cache=32MB",
                "--hub.disclosure.journal=" + data.resolve("disclosure-journal.jsonl"),
                "--hub.security.embedded-issuer.issuer=http://hub.test",
                "--hub.intake.servlet-name=" + servletName,
                "--hub.delivery.dispatcher=" + dispatcher,
                "--hub.delivery.poll-interval=100ms",
                "--hub.delivery.receivers.akimat-75.agencies=KZ-MIO-75",
                "--hub.delivery.receivers.akimat-75.endpoint=" + standIns.endpoint("akimat"),
                "--hub.delivery.receivers.police-75.agencies=KZ-OVD-75",
                "--hub.delivery.receivers.police-75.endpoint=" + standIns.endpoint("police"));
    }

    private static long pending(ConfigurableApplicationContext hub, String iin) {
        return hub.getBean(Driver.class).executableQuery("""
                        MATCH (m:OutboundMessage {status: 'PENDING'})-[:CONCERNS]->(:Person {iin: $iin}) RETURN count(m) AS n""")
                .withParameters(Map.of("iin", iin)).execute().records().getFirst().get("n").asLong();
    }

    private static RestClient http(ConfigurableApplicationContext hub) {
        return RestClient.create("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"));
    }

    private static String token(ConfigurableApplicationContext hub) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        return http(hub).post().uri("/oauth2/token").headers(h -> h.setBasicAuth("kuis-demo", "kuis-demo-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class)
                .get("access_token").asString();
    }
}
