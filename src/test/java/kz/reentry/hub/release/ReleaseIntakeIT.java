package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReleaseIntakeIT extends HubIntegrationTest {

    @Test
    @DisplayName("a release record posted by the penal system can be read back through GraphQL: person, institution, episode and release")
    void happyPath() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 3, 14)).set("custody.formalParoleDate", "2025-09-14");

        Reply reply = postRelease(record.json());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(reply.body().get("changes").get("person").asString()).isEqualTo("CREATED");

        var person = graphQl("probation-demo").documentName("personView").variable("iin", record.iin())
                .executeSync();
        assertThat(person.getErrors()).isEmpty();
        assertThat((Object) person.field("person.surname").getValue()).isEqualTo("Жұмабекова");
        assertThat((Object) person.field("person.givenName").getValue()).isEqualTo("Әйгерім");
        assertThat((Object) person.field("person.patronymic").getValue()).isEqualTo("Серікқызы");
        assertThat((Object) person.field("person.birthDate").getValue()).isEqualTo("1990-05-17");
        assertThat((Object) person.field("person.sex").getValue()).isEqualTo("MALE");
        assertThat((Object) person.field("person.institution.code").getValue()).isEqualTo("UK-161-2");
        assertThat((Object) person.field("person.institution.region.code").getValue()).isEqualTo("KZ-35");
        assertThat((Object) person.field("person.institution.region.jurisdiction").getValue()).isEqualTo("KZ");
        assertThat((Object) person.field("person.custodyEpisodes[0].article").getValue()).isEqualTo("188 ч.2");
        assertThat((Object) person.field("person.custodyEpisodes[0].termStart").getValue()).isEqualTo("2023-03-14");
        assertThat((Object) person.field("person.custodyEpisodes[0].termEnd").getValue()).isEqualTo("2027-03-14");
        assertThat((Object) person.field("person.plannedRelease.date").getValue()).isEqualTo("2027-03-14");
        assertThat((Object) person.field("person.plannedRelease.type").getValue()).isEqualTo("END_OF_TERM");
        assertThat((Object) person.field("person.plannedRelease.residenceRegion.code").getValue()).isEqualTo("KZ-75");
        assertThat((Object) person.field("person.plannedRelease.person.iin").getValue()).isEqualTo(record.iin());
    }

    @Test
    @DisplayName("the same record posted twice leaves one person, one episode and one release, and the second post is acknowledged as a duplicate")
    void idempotent() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 4, 1));

        assertThat(postRelease(record.json()).body().get("status").asString()).isEqualTo("ACCEPTED");
        Reply second = postRelease(record.json());
        Reply resentAsNewMessage = postRelease(record.newMessage().json());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(resentAsNewMessage.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(resentAsNewMessage.body().get("changes").get("person").asString()).isEqualTo("UNCHANGED");
        assertThat(resentAsNewMessage.body().get("changes").get("plannedRelease").asString()).isEqualTo("UNCHANGED");
        Map<String, Object> iin = Map.of("iin", record.iin());
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", iin)).isEqualTo(1);
        assertThat(count("MATCH (:Person {iin: $iin})-[:SERVED]->(e:CustodyEpisode) RETURN count(e)", iin)).isEqualTo(1);
        assertThat(count("MATCH (:Person {iin: $iin})-[:SERVED]->()-[:ENDS_WITH]->(r:PlannedRelease) RETURN count(r)", iin))
                .isEqualTo(1);
        assertThat(count("MATCH (:Person {iin: $iin})-[:PREVIOUSLY]->(r) RETURN count(r)", iin)).isZero();
    }

    @Test
    @DisplayName("a corrected record updates the person, episode and release and keeps the values it replaced as history")
    void correctionKeepsHistory() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 5, 20));
        postRelease(record.json());

        var corrected = record.newMessage()
                .set("person.givenName", "Айгерим")
                .remove("person.patronymic")
                .set("custody.termEnd", "2027-06-30")
                .set("institution.code", "LA-155-14").set("institution.name", "Учреждение ЛА-155/14")
                .set("release.date", "2027-06-30").set("release.type", "PAROLE")
                .set("release.residenceRegion", "KZ-71");
        Reply reply = postRelease(corrected.json());

        assertThat(reply.body().get("changes").get("person").asString()).isEqualTo("UPDATED");
        assertThat(reply.body().get("changes").get("custodyEpisode").asString()).isEqualTo("UPDATED");
        assertThat(reply.body().get("changes").get("plannedRelease").asString()).isEqualTo("UPDATED");

        var person = graphQl("kuis-demo").documentName("personView").variable("iin", record.iin()).executeSync();
        assertThat((Object) person.field("person.givenName").getValue()).isEqualTo("Айгерим");
        assertThat((Object) person.field("person.patronymic").getValue()).isNull();
        assertThat((Object) person.field("person.institution.code").getValue()).isEqualTo("LA-155-14");
        assertThat((Object) person.field("person.plannedRelease.residenceRegion.code").getValue()).isEqualTo("KZ-71");
        assertThat((Object) person.field("person.history[0].supersededByMessageId").getValue()).isEqualTo(corrected.get("messageId"));
        assertThat(person.field("person.history[0].values").toEntityList(Map.class)).containsExactlyInAnyOrder(
                Map.of("field", "givenName", "value", "Әйгерім"),
                Map.of("field", "patronymic", "value", "Серікқызы"));
        assertThat(person.field("person.custodyEpisodes[0].history[0].values").toEntityList(Map.class))
                .containsExactlyInAnyOrder(
                        Map.of("field", "termEnd", "value", "2027-05-20"),
                        Map.of("field", "institution", "value", "UK-161-2"));
        assertThat(person.field("person.plannedRelease.history[0].values").toEntityList(Map.class))
                .containsExactlyInAnyOrder(
                        Map.of("field", "date", "value", "2027-05-20"),
                        Map.of("field", "type", "value", "END_OF_TERM"),
                        Map.of("field", "residenceRegion", "value", "KZ-75"));
        assertThat(count("MATCH (:CustodyEpisode {id: $id})-[:AT]->(i) RETURN count(i)",
                Map.of("id", reply.body().get("custodyEpisodeId").asString()))).isEqualTo(1);
        // one revision for each of the three, each naming the correction that replaced the values
        for (String history : List.of("person.history", "person.custodyEpisodes[0].history", "person.plannedRelease.history")) {
            assertThat(person.field(history).toEntityList(Map.class)).as(history).singleElement()
                    .satisfies(revision -> assertThat(revision).containsEntry("supersededByMessageId", corrected.get("messageId")));
        }
    }

    @Test
    @DisplayName("a message id sent again with different content is refused and dead-lettered, not applied")
    void reusedMessageId() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 6, 2));
        postRelease(record.json());

        Reply reply = postRelease(record.set("person.surname", "Другая").json());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("messageId.reused");
        assertThat(count("MATCH (d:DeadLetter {id: $id}) RETURN count(d)",
                Map.of("id", reply.body().get("deadLetterId").asString()))).isEqualTo(1);
        var person = graphQl("kuis-demo").documentName("personView").variable("iin", record.iin()).executeSync();
        assertThat((Object) person.field("person.surname").getValue()).isEqualTo("Жұмабекова");
    }

    @Test
    @DisplayName("the intake records each accepted message with its sender and links it to the person")
    void provenance() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 7, 7));
        postRelease(record.json());

        var rows = driver.executableQuery("""
                        MATCH (m:InboundMessage {messageId: $id})-[:CONCERNS]->(p:Person)
                        RETURN m.sender AS sender, m.channel AS channel, m.exchange AS exchange, p.iin AS iin
                        """).withParameters(Map.of("id", record.get("messageId"))).execute().records();
        assertThat(rows).hasSize(1);
        assertThat(List.of(rows.getFirst().get("sender").asString(), rows.getFirst().get("channel").asString(),
                rows.getFirst().get("exchange").asString(), rows.getFirst().get("iin").asString()))
                .containsExactly("kuis-demo", "http", "E5", record.iin());
    }

    @Test
    @DisplayName("the message log lists every received message, accepted and rejected, with the SHA-256 of what was received and of the hub's answer")
    void messageLog() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2027, 6, 3));
        String broken = ReleaseRecords.validRelease(LocalDate.of(2027, 6, 4)).remove("person.surname").json();

        String receipt = rawPost(record.json());
        String rejection = rawPost(broken);
        String personId = driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();

        var accepted = inboundMessages(Map.of("person", personId));
        var httpMessages = inboundMessages(Map.of("sender", "kuis-demo", "channel", "http"));
        String deadLetterId = JSON.readTree(rejection).get("deadLetterId").asString();

        assertThat(accepted).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("id", record.get("messageId")).containsEntry("status", "ACCEPTED")
                    .containsEntry("channel", "http").containsEntry("sender", "kuis-demo")
                    .containsEntry("contentHash", sha256(record.json())).containsEntry("responseHash", sha256(receipt));
            assertThat((List<Map<String, Object>>) m.get("persons")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("iin", record.iin()));
        });
        assertThat(httpMessages).filteredOn(m -> deadLetterId.equals(m.get("deadLetterId"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("status", "REJECTED")
                        .containsEntry("contentHash", sha256(broken)).containsEntry("responseHash", sha256(rejection))
                        .containsEntry("persons", List.of()));
        assertThat(graphQl("probation-demo").documentName("inboundMessages").executeSync().getErrors())
                .singleElement().satisfies(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> inboundMessages(Map<String, Object> variables) {
        var request = graphQl("kuis-demo").documentName("inboundMessages").variable("first", 100);
        variables.forEach(request::variable);
        return request.executeSync().field("inboundMessages.edges").toEntityList(Map.class).stream()
                .map(e -> (Map<String, Object>) e.get("node")).toList();
    }

    /** The body exactly as the hub answered it, for hashing. */
    private String rawPost(String json) {
        return http.post().uri("/intake/releases")
                .header(org.springframework.http.HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(json)
                .retrieve().body(String.class);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
