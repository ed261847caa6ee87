package kz.reentry.hub.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** How the HTTP intake takes a body: compressed, and while its routes are not running. */
class IntakeTransportIT extends HubIntegrationTest {

    @Autowired
    CamelContext camel;

    @Test
    @DisplayName("a gzip-compressed record is inflated and filed like a plain one")
    void gzipRecordFiled() throws IOException {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(18));
        Reply reply = post(gzip(record.json().getBytes(StandardCharsets.UTF_8)), "gzip");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", record.iin()))).isEqualTo(1);
    }

    @Test
    @DisplayName("a gzip bomb (50 KB that inflate to 50 MB) is refused with 413 by its inflated size and kept nowhere")
    void gzipBombRefused() throws IOException {
        long deadLetters = count("MATCH (d:DeadLetter) RETURN count(d)", Map.of());
        byte[] inflated = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(inflated, (byte) ' ');
        inflated[0] = '{';
        inflated[inflated.length - 1] = '}';
        byte[] bomb = gzip(inflated);
        assertThat(bomb.length).isLessThan(100 * 1024);

        Reply reply = post(bomb, "gzip");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().get("message").asString()).contains("once inflated");
        assertThat(count("MATCH (d:DeadLetter) RETURN count(d)", Map.of())).isEqualTo(deadLetters);
    }

    @Test
    @DisplayName("a body in an encoding the hub does not read is refused with 415, not filed as garbage")
    void unknownEncodingRefused() {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(18));
        Reply reply = post(record.json().getBytes(StandardCharsets.UTF_8), "br");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", record.iin()))).isZero();
    }

    @Test
    @DisplayName("while the intake route is not running (start-up, shutdown) a record is answered 503 with Retry-After, not 404, and filed when sent again")
    void notReadyIs503() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(18));
        camel.getRouteController().stopRoute("e5-release-data-http");
        Reply refused;
        String retryAfter;
        try {
            var response = http.post().uri("/intake/releases")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                    .contentType(MediaType.APPLICATION_JSON).body(record.json())
                    .exchange((request, answer) -> Map.entry(
                            new Reply(answer.getStatusCode().value(), JSON.readTree(answer.getBody().readAllBytes())),
                            String.valueOf(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))));
            refused = response.getKey();
            retryAfter = response.getValue();
        } finally {
            camel.getRouteController().startRoute("e5-release-data-http");
        }
        assertThat(refused.status()).isEqualTo(503);
        assertThat(retryAfter).isEqualTo("5");
        assertThat(refused.body().get("status").asString()).isEqualTo("NOT_READY");
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", record.iin()))).isZero();

        assertThat(postRelease(record.json()).body().get("status").asString()).isEqualTo("ACCEPTED");
    }

    private Reply post(byte[] body, String encoding) {
        return http.post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .header(HttpHeaders.CONTENT_ENCODING, encoding)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> {
                    byte[] text = response.getBody().readAllBytes();
                    return new Reply(response.getStatusCode().value(), text.length == 0 ? null : JSON.readTree(text));
                });
    }

    private static byte[] gzip(byte[] content) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}
