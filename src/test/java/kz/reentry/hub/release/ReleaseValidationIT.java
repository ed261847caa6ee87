package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ReleaseValidationIT extends HubIntegrationTest {

    static Stream<Arguments> brokenRecords() {
        return Stream.of(
                broken("messageId", "required", r -> r.remove("messageId")),
                broken("person.surname", "required", r -> r.remove("person.surname")),
                broken("person.givenName", "required", r -> r.set("person.givenName", "  ")),
                broken("custody.court", "type", r -> r.set("custody.court", 42)),
                broken("person.birthDate", "date.format", r -> r.set("person.birthDate", "17.05.1990")),
                broken("release.type", "enum", r -> r.set("release.type", "ESCAPE")),
                broken("person.iin", "iin.format", r -> r.set("person.iin", "90051730001")),
                broken("person.iin", "iin.century", r -> r.set("person.iin", "900517900012")),
                broken("person.iin", "iin.checksum", r -> r.set("person.iin", checkDigitOff(r.iin()))),
                broken("person.birthDate", "iin.birthDate", r -> r.set("person.birthDate", "1990-05-18")),
                broken("person.citizenship", "country.code", r -> r.set("person.citizenship", "Kazakhstan")),
                broken("custody.termEnd", "dates.order", r -> r.set("custody.termEnd", "2020-01-01")),
                broken("release.date", "dates.order", r -> r.set("release.date", "2022-01-01")),
                broken("custody.formalParoleDate", "dates.order", r -> r.set("custody.formalParoleDate", "2030-01-01")),
                broken("custody.formalParoleDate", "date.format", r -> r.set("custody.formalParoleDate", "soon")),
                broken("release.residenceRegion", "region.unknown", r -> r.set("release.residenceRegion", "KZ-99")),
                broken("institution.region", "region.unknown", r -> r.set("institution.region", "Almaty")),
                // issue 16 item 12: nonsense that used to be filed
                broken("person.surname", "text.control", r -> r.set("person.surname", "Жұма\u0000бекова")),
                broken("person.givenName", "text.control", r -> r.set("person.givenName", "\u001b[31mӘйгерім")),
                broken("custody.court", "text.control", r -> r.set("custody.court", "Суд\u0085")),
                broken("person.patronymic", "text.invisible", r -> r.set("person.patronymic", "\u200b\u2060\u200b")),
                broken("person.surname", "name.letters", r -> r.set("person.surname", "Agent007")),
                broken("person.givenName", "name.letters", r -> r.set("person.givenName", "Әйгерім<script>")),
                broken("release.date", "dates.range", r -> r.set("release.date", "9999-01-01")),
                broken("custody.termEnd", "dates.range", r -> r.set("custody.termEnd", "9999-12-31")),
                broken("institution.code", "institution.code", r -> r.set("institution.code", "x'; DROP")),
                broken("institution.code", "institution.code.taken", r -> r.set("institution.code", "KZ-MIO-75")),
                broken("institution.code", "institution.code.taken", r -> r.set("institution.code", "NGO-KZ-75-0001")));
    }

    @Test
    @DisplayName("a birth date that has not come yet is refused (dates.future), not filed")
    void birthInTheFuture() {
        LocalDate unborn = LocalDate.now().plusYears(1);
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 12))
                .set("person.iin", kz.reentry.hub.support.TestIins.forBirthDate(unborn)).set("person.birthDate", unborn.toString());

        Reply reply = postRelease(record.json());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString()))
                .contains("person.birthDate dates.future");
        assertKeptAsDeadLetter(reply, record.json(), "dates.future");
    }

    @Test
    @DisplayName("half a character (an unpaired surrogate escape) in a name is refused as text.encoding")
    void unpairedSurrogate() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 13));
        String payload = record.json().replace("Жұмабекова", "Жұма\\ud800бекова");

        Reply reply = postRelease(payload);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("text.encoding");
        assertKeptAsDeadLetter(reply, payload, "text.encoding");
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", record.iin()))).isZero();
    }

    @Test
    @DisplayName("a key given twice (two IINs) is refused as json.duplicateKey instead of the last one winning")
    void duplicateKey() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 14));
        String other = kz.reentry.hub.support.TestIins.forBirthDate(LocalDate.of(1990, 5, 17));
        String payload = record.json().replace("\"iin\":", "\"iin\":\"" + other + "\",\"iin\":");

        Reply reply = postRelease(payload);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("json.duplicateKey");
        assertKeptAsDeadLetter(reply, payload, "json.duplicateKey");
        assertThat(count("MATCH (p:Person) WHERE p.iin IN $iins RETURN count(p)",
                Map.of("iins", java.util.List.of(record.iin(), other)))).isZero();
    }

    @Test
    @DisplayName("names are kept in one Unicode form (NFC): a decomposed Й is stored as the one letter")
    void namesNormalised() {
        String decomposed = java.text.Normalizer.normalize("Йолдасбек", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Йолдасбек");
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 15)).set("person.givenName", decomposed);

        assertThat(postRelease(record.json()).status()).isEqualTo(200);

        assertThat(count("MATCH (p:Person {iin: $iin, givenName: 'Йолдасбек'}) RETURN count(p)",
                Map.of("iin", record.iin()))).isEqualTo(1);
    }

    @Test
    @DisplayName("the same record sent again with other white space and key order is answered DUPLICATE, not refused as a reused id")
    void sameRecordOtherWhiteSpace() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 16));
        assertThat(postRelease(record.json()).body().get("status").asString()).isEqualTo("ACCEPTED");
        String reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(record.json()))
                .replace("\"messageId\"", "  \"messageId\"");

        Reply again = postRelease(reformatted);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("status").asString()).isEqualTo("DUPLICATE");
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @MethodSource("brokenRecords")
    @DisplayName("a record that breaks a rule is refused with 400 naming the field and the rule, and kept as a dead letter")
    void refusedAndDeadLettered(String field, String rule, UnaryOperator<ReleaseRecords> breakIt) {
        var record = breakIt.apply(ReleaseRecords.validRelease(LocalDate.of(2028, 1, 10)));

        Reply reply = postRelease(record.json());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("status").asString()).isEqualTo("REJECTED");
        JsonNode error = reply.body().get("errors").get(0);
        assertThat(reply.body().get("errors")).hasSize(1);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("rule").asString()).isEqualTo(rule);
        assertThat(error.get("message").asString()).isNotBlank();
        assertKeptAsDeadLetter(reply, record.json(), rule);
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", record.iin()))).isZero();
    }

    @Test
    @DisplayName("a body that is not JSON is refused as json.syntax and kept exactly as received")
    void notJson() {
        String payload = "{\"person\": {\"iin\": \"9005";

        Reply reply = postRelease(payload);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("rule").asString()).isEqualTo("json.syntax");
        assertKeptAsDeadLetter(reply, payload, "json.syntax");
    }

    @Test
    @DisplayName("a record with several broken fields names each of them in one answer, but a missing section only once")
    void everyBrokenFieldAtOnce() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2028, 1, 11))
                .remove("custody").set("person.birthDate", "yesterday").set("release.type", "x");

        Reply reply = postRelease(record.json());

        assertThat(reply.body().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("rule").asString()))
                .containsExactlyInAnyOrder("custody required", "person.birthDate date.format", "release.type enum");
    }

    private void assertKeptAsDeadLetter(Reply reply, String payload, String rule) {
        var kept = driver.executableQuery("MATCH (d:DeadLetter {id: $id}) RETURN d")
                .withParameters(Map.of("id", reply.body().get("deadLetterId").asString())).execute().records();
        assertThat(kept).hasSize(1);
        var deadLetter = kept.getFirst().get("d").asNode();
        assertThat(deadLetter.get("payload").asString()).isEqualTo(payload);
        assertThat(deadLetter.get("status").asString()).isEqualTo("PENDING");
        assertThat(deadLetter.get("errors").asString()).contains(rule);
        assertThat(deadLetter.get("sender").asString()).isEqualTo("kuis-demo");
        assertThat(deadLetter.get("exchange").asString()).isEqualTo("E5");
    }

    private static Arguments broken(String field, String rule, UnaryOperator<ReleaseRecords> breakIt) {
        return Arguments.of(field, rule, breakIt);
    }

    private static String checkDigitOff(String iin) {
        int last = iin.charAt(11) - '0';
        return iin.substring(0, 11) + ((last + 1) % 10);
    }
}
