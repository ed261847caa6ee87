package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * E3 out, end to end: a HEALTH referral becomes a FHIR message Bundle in the outbox and reaches a
 * real FHIR server (HAPI's RestfulServer, StandInHealthOrganisation), which validates it itself.
 */
class HealthHandoffIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    @Autowired
    HealthHandoffs handoffs;

    @Test
    @DisplayName("a HEALTH referral opened 20 days before release is handed over at once: the FHIR server receives one valid message naming the person by IIN")
    void handoffReceivedAndValidated() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(20));
        String referral = healthReferral(filed(record), "KZ-UZ-75");

        // opened 20 days before release: handed over at once, without waiting for the periodic run
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff) RETURN count(h)", Map.of("id", referral)) == 1);
        String messageId = messageIdOf(referral);

        await().atMost(Duration.ofSeconds(30)).until(() -> HEALTH.applied(messageId).isPresent());
        var received = HEALTH.applied(messageId).orElseThrow();
        assertThat(received.validationErrors()).isEmpty();
        Bundle bundle = FhirSetup.json().parseResource(Bundle.class, received.json());
        var header = (MessageHeader) bundle.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getCode()).isEqualTo(E3Profile.EVENT_HANDOFF);
        Patient patient = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(E3Profile.IIN_SYSTEM);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(record.iin());
        assertThat(HEALTH.deliveries(messageId)).isEqualTo(1);

        // the synchronous "ok" is the acknowledgement: the referral is RECEIVED, the duty met
        await().atMost(Duration.ofSeconds(10)).until(() -> "RECEIVED".equals(referralStatus(referral)));
        assertThat(obligationStatus(referral)).isEqualTo("MET");
        assertThat(outboundStatus(referral)).isEqualTo("DELIVERED");
        // the answer is kept with the delivery, so a crash before it was applied loses nothing
        await().atMost(Duration.ofSeconds(10)).until(() -> count("""
                MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff)
                MATCH (m:OutboundMessage {id: h.outboundMessageId})
                WHERE m.answer CONTAINS '"response"' AND m.answerAppliedAt IS NOT NULL
                RETURN count(m)""", Map.of("id", referral)) == 1);
    }

    @Test
    @DisplayName("a referral whose person walks out in 90 days is not handed over yet (30 days before, by default)")
    void notBeforeItsDay() {
        String referral = healthReferral(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(90))), "KZ-UZ-75");

        assertThat(handoffs.handOverIfDue(referral, LocalDate.now())).isFalse();
        assertThat(handoffs.handOverIfDue(referral, LocalDate.now().plusDays(60))).isTrue();
        // and once handed over, never again: one handoff, one message
        assertThat(handoffs.handOverIfDue(referral, LocalDate.now().plusDays(61))).isFalse();
        assertThat(count("MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff) RETURN count(h)", Map.of("id", referral)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("receiver down, then back: the handoff waits, is retried, and is delivered exactly once")
    void receiverDownThenBack() {
        HEALTH.down("KZ-UZ-71");
        try {
            String referral = healthReferral(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10))), "KZ-UZ-71");
            handoffs.handOverIfDue(referral, LocalDate.now());
            String messageId = messageIdOf(referral);

            await().atMost(Duration.ofSeconds(20)).until(() -> HEALTH.refusedWhileDown().contains("KZ-UZ-71"));
            assertThat(outboundStatus(referral)).isEqualTo("PENDING");
            HEALTH.up("KZ-UZ-71");

            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(outboundStatus(referral)));
            assertThat(HEALTH.deliveries(messageId)).isEqualTo(1);
            assertThat(HEALTH.applied(messageId)).isPresent();
        } finally {
            HEALTH.up("KZ-UZ-71");
        }
    }

    @Test
    @DisplayName("the same handoff sent again (an operator's replay) carries the same MessageHeader.id: the receiver applies it once")
    void duplicateIsDeduplicated() {
        String referral = healthReferral(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(5))), "KZ-UZ-15");
        handoffs.handOverIfDue(referral, LocalDate.now());
        String messageId = messageIdOf(referral);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(outboundStatus(referral)));

        // the outbox delivers it again, as after an answer lost on the way back
        driver.executableQuery("""
                MATCH (:HealthHandoff {id: $id})-[:HANDS_OVER]->(:Referral)<-[:REFERRED]-(p:Person)
                MATCH (m:OutboundMessage {exchange: 'E3'})-[:CONCERNS]->(p)
                SET m.status = 'PENDING', m.nextAttemptAt = datetime()
                """).withParameters(Map.of("id", messageId)).execute();
        await().atMost(Duration.ofSeconds(30)).until(() -> HEALTH.deliveries(messageId) == 2);

        assertThat(HEALTH.applied().stream().filter(r -> r.messageId().equals(messageId))).hasSize(1);
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E3'})-[:CONCERNS]->(:Person)-[:REFERRED]->(:Referral {id: $id}) RETURN count(m)",
                Map.of("id", referral))).isEqualTo(1);
    }

    @Test
    @DisplayName("a fatal-error answer makes the message DEAD at once, with the receiver's reason, for operators to see")
    void fatalErrorIsDead() {
        HEALTH.answer("KZ-UZ-79", StandInHealthOrganisation.Answer.FATAL_ERROR);
        String referral = healthReferral(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(5))), "KZ-UZ-79");
        handoffs.handOverIfDue(referral, LocalDate.now());
        String messageId = messageIdOf(referral);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(outboundStatus(referral)));
        assertThat(HEALTH.deliveries(messageId)).isEqualTo(1);
        var dead = graphQl("kuis-demo").documentName("outboundMessages")
                .variable("status", "DEAD").variable("exchange", "E3").variable("first", 100).executeSync();
        assertThat(dead.getErrors()).isEmpty();
        List<Map<String, Object>> edges = dead.field("outboundMessages.edges").getValue();
        assertThat(edges).anySatisfy(edge -> {
            @SuppressWarnings("unchecked")
            var node = (Map<String, Object>) edge.get("node");
            assertThat(node.get("recipient")).isEqualTo("KZ-UZ-79");
            assertThat((String) node.get("lastError")).contains("fatal-error").contains("refused by the test");
        });
        // not acknowledged: the duty stays open
        assertThat(obligationStatus(referral)).isEqualTo("OPEN");
    }

    @Test
    @DisplayName("a handoff that is not valid FHIR never leaves: recorded INVALID with the validator's errors, nothing in the outbox")
    void invalidBundleNeverSent() {
        // 90 days before release: no handoff is due, so only this test's one is attempted
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(90));
        String person = filed(record);
        String referral = healthReferral(person, "KZ-UZ-19");
        // medical data as the penal medical service might send it, with an ICD-10 code the code datatype refuses
        var facts = new HandoffFacts(referral, new HandoffFacts.PersonFacts(record.iin(), "Жұмабекова", "Әйгерім", null,
                LocalDate.of(1990, 5, 17)), new HandoffFacts.Organisation("KZ-KUIS", null),
                new HandoffFacts.Organisation("KZ-UZ-19", null), "TB", LocalDate.now().plusDays(5),
                List.of(new HandoffFacts.ConditionFact(ConditionCategory.TUBERCULOSIS, "A15.0  ", "TB")), List.of(), List.of(),
                ZonedDateTime.now());

        assertThat(handoffs.enqueue(facts, person, "KZ-19")).isFalse();

        var rows = driver.executableQuery("""
                MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff) RETURN h.status AS status, h.errors AS errors""")
                .withParameters(Map.of("id", referral)).execute().records();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("status").asString()).isEqualTo("INVALID");
            assertThat(row.get("errors").asList(v -> v.asString())).anySatisfy(e -> assertThat(e).contains("Condition"));
        });
        assertThat(count("MATCH (m:OutboundMessage {exchange: 'E3', recipient: 'KZ-UZ-19'}) RETURN count(m)", Map.of()))
                .isZero();
        assertThat(count("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN count(o)", Map.of("id", referral))).isZero();
        assertThat(HEALTH.applied(facts.messageId())).isEmpty();
    }

    private String healthReferral(String personId, String to) {
        var reply = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", personId,
                "kind", "HEALTH", "to", to, "reason", "Продолжение лечения туберкулёза после освобождения")).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("openReferral.id").getValue();
    }

    private String messageIdOf(String referral) {
        return driver.executableQuery("MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) RETURN h.id AS id")
                .withParameters(Map.of("id", referral)).execute().records().getFirst().get("id").asString();
    }

    private String referralStatus(String referral) {
        return single("MATCH (r:Referral {id: $id}) RETURN r.status", referral);
    }

    private String obligationStatus(String referral) {
        return single("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN o.status", referral);
    }

    private String outboundStatus(String referral) {
        return single("""
                MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff)
                MATCH (m:OutboundMessage {id: h.outboundMessageId}) RETURN m.status""", referral);
    }

    private String single(String cypher, String referral) {
        var rows = driver.executableQuery(cypher).withParameters(Map.of("id", referral)).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString(null);
    }
}
