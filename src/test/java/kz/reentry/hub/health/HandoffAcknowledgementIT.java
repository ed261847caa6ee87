package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * E3 back: the health organisation's acknowledgement and Task updates come to the hub's FHIR
 * endpoint, move the referral and meet the duty; an acknowledgement that never comes is overdue.
 */
class HandoffAcknowledgementIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;

    @Autowired
    HealthHandoffs handoffs;

    @AfterEach
    void answerAtOnceAgain() {
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.OK);
    }

    @Test
    @DisplayName("an acknowledgement that never comes: the referral stays REQUESTED and the duty is overdue after 3 days")
    void unacknowledgedIsOverdue() {
        HEALTH.answer("KZ-UZ-11", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10)));
        String referral = delivered(person, "KZ-UZ-11");

        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("REQUESTED");
        assertThat(status("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN o.status", referral)).isEqualTo("OPEN");
        assertThat(overdue(LocalDate.now().plusDays(3))).doesNotContain(referral + "/E3/KZ-UZ-11");
        assertThat(overdue(LocalDate.now().plusDays(4))).contains(referral + "/E3/KZ-UZ-11");
    }

    @Test
    @DisplayName("the acknowledgement comes later to the hub's FHIR endpoint: referral RECEIVED, duty met, logged; sent again it changes nothing")
    void laterAcknowledgementMovesTheReferral() {
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10)));
        String referral = delivered(person, "KZ-UZ-75");
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("REQUESTED");
        String endUser = DisclosureLog.uniqueEndUser("health-clerk");

        String ack = acknowledgement(messageIdOf(referral));
        var reply = post("health-demo", ack, endUser);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("entry").path(0).path("resource").path("response").path("code").asString()).isEqualTo("ok");
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("RECEIVED");
        assertThat(status("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN o.status", referral)).isEqualTo("MET");
        assertThat(overdue(LocalDate.now().plusDays(30))).doesNotContain(referral + "/E3/KZ-UZ-75");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                        .singleElement().satisfies(entry -> assertThat(entry.get("outcome")).isEqualTo("WRITTEN")));

        long transitions = count("MATCH (:Referral {id: $id})-[:TRANSITION]->(t) RETURN count(t)", Map.of("id", referral));
        assertThat(post("health-demo", ack, endUser).status()).isEqualTo(200);
        assertThat(count("MATCH (:Referral {id: $id})-[:TRANSITION]->(t) RETURN count(t)", Map.of("id", referral)))
                .isEqualTo(transitions);
    }

    @Test
    @DisplayName("Task updates: accepted, in progress, then completed later (the first visit) move the referral to COMPLETED with its outcome")
    void taskCompletedLater() {
        String referral = delivered(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10))), "KZ-UZ-75");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "RECEIVED".equals(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)));

        assertThat(post("health-demo", taskUpdate(referral, Task.TaskStatus.ACCEPTED, null), "clerk").status()).isEqualTo(200);
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("ACCEPTED");
        assertThat(post("health-demo", taskUpdate(referral, Task.TaskStatus.INPROGRESS, null), "clerk").status()).isEqualTo(200);
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("IN_PROGRESS");

        assertThat(post("health-demo", taskUpdate(referral, Task.TaskStatus.COMPLETED, "Первый приём в ПТД 2026-12-02"),
                "clerk").status()).isEqualTo(200);
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("COMPLETED");
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.outcome", referral)).isEqualTo("Первый приём в ПТД 2026-12-02");
    }

    @Test
    @DisplayName("a Task rejected with its reason rejects the referral with that reason")
    void taskRejectedWithReason() {
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        String referral = delivered(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10))), "KZ-UZ-75");

        assertThat(post("health-demo", taskUpdate(referral, Task.TaskStatus.REJECTED, "Не наш район обслуживания"), "clerk")
                .status()).isEqualTo(200);

        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("REJECTED");
        assertThat(status("""
                MATCH (:Referral {id: $id})-[:TRANSITION]->(t {status: 'REJECTED'}) RETURN t.note""", referral))
                .isEqualTo("Не наш район обслуживания");
        assertThat(status("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN o.status", referral)).isEqualTo("MET");
    }

    @Test
    @DisplayName("only the handoff's receiver is heard: another receiving party gets 404, a party without the role 403, invalid FHIR 400")
    void onlyTheReceiver() {
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        String referral = delivered(filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(10))), "KZ-UZ-75");
        String ack = acknowledgement(messageIdOf(referral));

        assertThat(post("labour-demo", ack, "clerk").status()).isEqualTo(404);
        assertThat(post("ngo-demo", ack, "clerk").status()).isEqualTo(403);
        var invalid = post("health-demo", ack.replace("\"ok\"", "\"fine\""), "clerk");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(status("MATCH (r:Referral {id: $id}) RETURN r.status", referral)).isEqualTo("REQUESTED");
        assertThat(status("MATCH (o:Obligation) WHERE o.id STARTS WITH $id + '/E3/' RETURN o.status", referral)).isEqualTo("OPEN");
    }

    /** Opens a HEALTH referral, hands it over and waits until the stand-in has it. */
    private String delivered(String person, String to) {
        var opened = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "HEALTH", "to", to, "reason", "Продолжение лечения после освобождения")).executeSync();
        assertThat(opened.getErrors()).isEmpty();
        String referral = opened.field("openReferral.id").getValue();
        // opened within the window, it is handed over at once; asking again finds it done
        handoffs.handOverIfDue(referral, LocalDate.now());
        String messageId = messageIdOf(referral);
        await().atMost(Duration.ofSeconds(30)).until(() -> HEALTH.applied(messageId).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(status("""
                MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff)
                MATCH (m:OutboundMessage {id: h.outboundMessageId}) RETURN m.status""", referral)));
        return referral;
    }

    private static String acknowledgement(String messageId) {
        var header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_HANDOFF, null));
        header.getSource().setEndpoint("urn:kz-agency:KZ-UZ-75");
        header.getResponse().setIdentifier(messageId).setCode(MessageHeader.ResponseType.OK);
        var bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(new Date());
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        return FhirSetup.json().encodeResourceToString(bundle);
    }

    private static String taskUpdate(String referral, Task.TaskStatus status, String reason) {
        var task = new Task();
        task.setId(UUID.randomUUID().toString());
        task.addIdentifier().setSystem(E3Profile.HANDOFF_SYSTEM).setValue(referral);
        task.setStatus(status).setIntent(Task.TaskIntent.ORDER);
        if (reason != null) {
            task.getStatusReason().setText(reason);
        }
        var header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding(E3Profile.EVENT_SYSTEM, E3Profile.EVENT_UPDATE, null));
        header.getSource().setEndpoint("urn:kz-agency:KZ-UZ-75");
        header.addFocus(new Reference("urn:uuid:" + task.getId()));
        var bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(new Date());
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + task.getId()).setResource(task);
        return FhirSetup.json().encodeResourceToString(bundle);
    }

    private Reply post(String client, String body, String endUser) {
        return http.post().uri("/fhir/$process-message")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(client))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(body)
                .exchange((request, response) -> {
                    String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Reply(response.getStatusCode().value(), text.isBlank() ? null : JSON.readTree(text));
                });
    }

    private List<String> overdue(LocalDate asOf) {
        var reply = graphQl("kuis-demo").documentName("overdueObligations").variable("asOf", asOf.toString())
                .variable("first", 500).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        List<Map<String, Object>> edges = reply.field("overdueObligations.edges").getValue();
        @SuppressWarnings("unchecked")
        List<String> ids = edges.stream().map(e -> (String) ((Map<String, Object>) e.get("node")).get("id")).toList();
        return ids;
    }

    private String messageIdOf(String referral) {
        return status("MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) RETURN h.id", referral);
    }

    private String status(String cypher, String referral) {
        var rows = driver.executableQuery(cypher).withParameters(Map.of("id", referral)).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString(null);
    }
}
