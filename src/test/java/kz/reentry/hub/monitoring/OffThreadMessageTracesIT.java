package kz.reentry.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.RecordedSpans;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * E3 (health handoff) and E4 (employment referral) are queued after the commit, off the caller's
 * thread (HandoffOnReferral, HandoffOnRelease, MedicalParts, EmploymentTriggers): their trace must
 * still be the caller's, from the request that caused the message through the outbox to the delivery
 * (issue 19), as E1's is (MessageTracesIT), with the message id on the delivery's span and a
 * traceparent of that span handed to the receiver.
 */
class OffThreadMessageTracesIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey(MessageTraces.MESSAGE_ID);

    @Autowired
    RecordedSpans spans;

    @Test
    @DisplayName("an EMPLOYMENT referral opened in a caller's trace: its E4 referral is delivered in that trace, with its message id, and the centre gets a traceparent of the delivery's span")
    void employmentReferralInTheCallersTrace() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(200)));
        String traceId = hex(16);
        Map<String, Object> input = new HashMap<>(Map.of("personId", person, "kind", "EMPLOYMENT", "to", "KZ-CZN-75",
                "reason", "Трудоустройство после освобождения"));
        input.put("employment", Map.of("education", "техническое и профессиональное", "qualifications", List.of("сварщик"),
                "preferredDistrict", "KZ-75-ALM", "contactArrangements", "встреча у ворот учреждения"));
        var reply = traced(traceId).documentName("openReferral").variable("input", input).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        String referral = reply.field("openReferral.id").getValue();

        var received = await().atMost(PATIENCE).until(() -> StandInReceivers.INSTANCE.receiver("czn").applied().stream()
                        .filter(r -> "E4".equals(r.exchange()) && referral.equals(r.content().path("referralId").asString(null)))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(received.traceparentHeader()).as("the traceparent the employment centre got").startsWith("00-" + traceId + "-");
        String deliverySpanId = received.traceparentHeader().split("-")[2];
        SpanData delivery = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getSpanId().equals(deliverySpanId)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(delivery.getName()).isEqualTo("deliver E4 to czn-75");
        assertThat(delivery.getAttributes().get(MESSAGE_ID)).isEqualTo(received.messageId());
    }

    @Test
    @DisplayName("a HEALTH referral opened in a caller's trace, its handoff due at once: the E3 handoff is delivered in that trace, with its message id")
    void healthHandoffInTheCallersTrace() {
        // drug dependence is handed over 45 days before the release: at once, by the opening itself
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(40)));
        String traceId = hex(16);
        var reply = traced(traceId).documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "condition", "DRUG_DEPENDENCE", "reason", "Продолжение лечения после освобождения")).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        String referral = reply.field("openReferral.id").getValue();

        String messageId = await().atMost(PATIENCE).until(() -> e3Delivered(person), java.util.Optional::isPresent).orElseThrow();
        SpanData delivery = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getName().startsWith("deliver E3 to ")).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(delivery.getAttributes().get(MESSAGE_ID)).as("the handoff of referral " + referral).isEqualTo(messageId);
    }

    @Test
    @DisplayName("a corrected release record posted in a caller's trace, bringing the release into a HEALTH referral's handoff window: the E3 handoff it causes is delivered in that trace")
    void handoffAfterAReleaseInTheCallersTrace() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(200));
        String person = filed(record);
        assertThat(graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "condition", "DRUG_DEPENDENCE", "reason", "Продолжение лечения после освобождения"))
                .executeSync().getErrors()).isEmpty();
        assertThat(e3Delivered(person)).as("200 days before the release: not handed over yet").isEmpty();

        String traceId = hex(16);
        LocalDate sooner = LocalDate.now().plusDays(40);
        record.newMessage().set("release.date", sooner.toString()).set("custody.termEnd", sooner.toString());
        int status = http.post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType(MediaType.APPLICATION_JSON).body(record.json())
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(200);

        String messageId = await().atMost(PATIENCE).until(() -> e3Delivered(person), java.util.Optional::isPresent).orElseThrow();
        SpanData delivery = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getName().startsWith("deliver E3 to ")).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(delivery.getAttributes().get(MESSAGE_ID)).isEqualTo(messageId);
    }

    private java.util.Optional<String> e3Delivered(String person) {
        return driver.executableQuery("""
                        MATCH (m:OutboundMessage {exchange: 'E3', status: 'DELIVERED'})-[:CONCERNS]->(:Person {id: $person})
                        RETURN m.id AS id""").withParameters(Map.of("person", person)).execute().records().stream()
                .map(r -> r.get("id").asString()).findFirst();
    }

    /** The demo penal system's GraphQL client, its requests sent in the trace with this id (sampled). */
    private HttpSyncGraphQlClient traced(String traceId) {
        return graphQl("kuis-demo").mutate().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").build();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
