package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.RecordedSpans;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The E3 message a newer medical part causes (MedicalParts, after the commit, off the intake's
 * thread) is delivered in the trace of the request that brought the part in (issue 19; the other
 * off-thread E3 and E4 triggers: monitoring/OffThreadMessageTracesIT).
 */
class NewerMedicalPartTraceIT extends HubIntegrationTest {

    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey(MessageTraces.MESSAGE_ID);

    @Autowired
    RecordedSpans spans;

    @Autowired
    HealthHandoffs handoffs;

    @Test
    @DisplayName("a medical part posted in a caller's trace after the handoff left: the message that takes it to the receiver is delivered in that trace, with its message id")
    void newerPartInTheCallersTrace() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(9));
        String person = filed(record);
        assertThat(MedicalPartMessages.post(http, tokenFor("kuis-demo"),
                MedicalPartIT.medicalPart(UUID.randomUUID().toString(), record.iin(), "F11.2", "DRUG_DEPENDENCE")).status())
                .isEqualTo(200);
        String referral = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "to", "KZ-UZ-71", "reason", "Продолжение лечения")).executeSync().field("openReferral.id").getValue();
        handoffs.handOverIfDue(referral, LocalDate.now());
        String handoff = await().atMost(Duration.ofSeconds(30)).until(() -> driver.executableQuery("""
                        MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) WHERE h.status <> 'INVALID' RETURN h.id AS id""")
                .withParameters(Map.of("id", referral)).execute().records().stream().map(r -> r.get("id").asString()).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> StandInHealthOrganisation.INSTANCE.applied(handoff).isPresent());

        String traceId = hex(16);
        var traced = http.mutate().defaultHeader("traceparent", "00-" + traceId + "-" + hex(8) + "-01").build();
        var reply = MedicalPartMessages.post(traced, tokenFor("kuis-demo"),
                MedicalPartMessages.withDisabilityGroup(UUID.randomUUID().toString(), record.iin(), "F11.2", "DRUG_DEPENDENCE", "III"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("newerThanHandoff").asBoolean(false)).isTrue();

        SpanData delivery = await().atMost(Duration.ofSeconds(30)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getName().startsWith("deliver E3 to ")).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        List<String> e3 = driver.executableQuery("""
                MATCH (m:OutboundMessage {exchange: 'E3'})-[:CONCERNS]->(:Person {id: $person}) RETURN m.id AS id""")
                .withParameters(Map.of("person", person)).execute().records().stream().map(r -> r.get("id").asString()).toList();
        assertThat(delivery.getAttributes().get(MESSAGE_ID)).as("an E3 message about the person").isIn(e3);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
