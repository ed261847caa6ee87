package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.HoldingReceiver;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.graphql.client.ClientGraphQlResponse;
import tools.jackson.databind.JsonNode;

/**
 * The disclosure log is anchored outside the hub: its signed head reaches the prosecutor's receiver,
 * a journal deleted after a kill -9 is found and recorded as a gap, and a log cut short together with
 * the heads kept in the graph is caught by the head the receiver holds. Hubs in processes of their own,
 * killed as a crash would.
 */
@BesideTheSharedHub
class DisclosureLogAnchorIT {

    private static final String ANCHOR = "mutation { anchorDisclosureLog { seq hash at signed publicKey } }";
    private static final String VERIFY = """
            query($head: String) { verifyDisclosureLog(head: $head) { entries intact firstBrokenSeq gaps anchorsChecked } }""";

    @Test
    @DisplayName("heads go signed to the receiver; a journal deleted after a clean stop is no loss, after a kill -9 it is a gap; a log cut short fails against the receiver's head")
    void anchoredOutsideTheHub(@TempDir Path data) throws Exception {
        try (var prosecutor = new HoldingReceiver()) {
            List<String> arguments = List.of("--hub.delivery.poll-interval=100ms",
                    "--hub.delivery.receivers.gp.agencies=KZ-GP",
                    "--hub.delivery.receivers.gp.endpoint=" + prosecutor.endpoint());
            Path journal = data.resolve("disclosure-journal.jsonl");
            JsonNode head;

            try (var first = HubProcess.start("anchor-first", data, arguments)) {
                // a new log is anchored at start-up; the receiver gets the head, signed by the key it carries
                await().atMost(Duration.ofSeconds(30)).until(() -> !heads(prosecutor).isEmpty());
                JsonNode atStart = heads(prosecutor).getFirst();
                assertThat(signedBy(atStart.get("signed").asString(), atStart.get("publicKey").toString())).isTrue();

                for (int i = 0; i < 5; i++) {
                    assertThat(first.postRelease(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)).json())).isEqualTo("ACCEPTED");
                }
                head = first.graphQl("prosecutor-demo").document(ANCHOR).executeSync().field("anchorDisclosureLog").toEntity(JsonNode.class);
                assertThat(head.get("seq").asLong()).isGreaterThanOrEqualTo(5);
                // the head names the graph's entry with that number and its hash
                assertThat(first.graph().executableQuery("MATCH (d:DisclosureEntry {seq: $seq}) RETURN d.hash")
                        .withParameters(Map.of("seq", head.get("seq").asLong())).execute().records().getFirst().get(0).asString())
                        .isEqualTo(head.get("hash").asString());
                String signed = head.get("signed").asString();
                await().atMost(Duration.ofSeconds(30)).until(() -> heads(prosecutor).stream()
                        .anyMatch(h -> h.get("signed").asString().equals(signed)));
                assertThat(signedBy(signed, head.get("publicKey").asString())).isTrue();

                JsonNode whole = verify(first, signed);
                assertThat(whole.get("intact").asBoolean()).isTrue();
                assertThat(whole.get("anchorsChecked").asInt()).isGreaterThanOrEqualTo(3);

                // a head this hub did not sign, or one whose content was changed, is refused by name
                assertThat(refusal(first, forged(head))).isEqualTo("head.signature");
                assertThat(refusal(first, altered(signed))).isEqualTo("head.signature");
                // only auditors anchor
                assertThat(first.graphQl("akimat-demo").document(ANCHOR).executeSync().getErrors())
                        .extracting(e -> e.getErrorType().toString()).containsExactly("FORBIDDEN");
            }

            // a clean stop moved every entry: a journal deleted afterwards loses nothing, and no gap is claimed
            Files.delete(journal);
            try (var second = HubProcess.start("anchor-after-clean-stop", data, arguments)) {
                JsonNode clean = verify(second, null);
                assertThat(clean.get("intact").asBoolean()).isTrue();
                assertThat(clean.get("gaps")).isEmpty();
                for (int i = 0; i < 5; i++) {
                    assertThat(second.postRelease(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)).json())).isEqualTo("ACCEPTED");
                }
                // the entries are in the graph, then the hub dies
                await().atMost(Duration.ofSeconds(10)).until(() -> second.count(
                        "MATCH (d:DisclosureEntry) RETURN count(d)", Map.of()) > head.get("seq").asLong() + 5);
                second.kill();
            }
            Files.delete(journal);

            try (var third = HubProcess.start("anchor-after-crash", data, arguments)) {
                JsonNode afterCrash = verify(third, null);
                assertThat(afterCrash.get("intact").asBoolean()).as("a journal deleted after a crash").isFalse();
                assertThat(afterCrash.get("gaps")).hasSize(1);
                long gap = afterCrash.get("gaps").get(0).asLong();
                assertThat(afterCrash.get("firstBrokenSeq").asLong()).isEqualTo(gap);
                assertThat(Files.readString(third.log())).contains("may be lost");

                // someone with the database cuts the log back to before the receiver's head, heads and all
                long cutAfter = head.get("seq").asLong() - 2;
                third.graph().executableQuery("MATCH (d:DisclosureEntry) WHERE d.seq > $seq DETACH DELETE d")
                        .withParameters(Map.of("seq", cutAfter)).execute();
                third.graph().executableQuery("MATCH (h:DisclosureLogHead) DETACH DELETE h").execute();
                JsonNode cut = verify(third, head.get("signed").asString());
                assertThat(cut.get("intact").asBoolean()).as("checked against the receiver's head").isFalse();
                assertThat(cut.get("firstBrokenSeq").asLong()).isGreaterThan(cutAfter);
            }
        }
    }

    private static List<JsonNode> heads(HoldingReceiver receiver) {
        return receiver.appliedContents().values().stream().filter(c -> c.has("signed")).toList();
    }

    private static JsonNode verify(HubProcess hub, String head) {
        return hub.graphQl("prosecutor-demo").document(VERIFY).variable("head", head).executeSync()
                .field("verifyDisclosureLog").toEntity(JsonNode.class);
    }

    private static String refusal(HubProcess hub, String head) {
        ClientGraphQlResponse response = hub.graphQl("prosecutor-demo").document(VERIFY).variable("head", head).executeSync();
        assertThat(response.getErrors()).hasSize(1);
        assertThat(response.getErrors().getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
        return String.valueOf(response.getErrors().getFirst().getExtensions().get("rule"));
    }

    private static boolean signedBy(String signed, String publicJwk) throws Exception {
        return JWSObject.parse(signed).verify(new ECDSAVerifier(ECKey.parse(publicJwk)));
    }

    /** The same content signed by a key of the forger's own. */
    private static String forged(JsonNode head) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new Payload(JWSObject.parse(head.get("signed").asString()).getPayload().toString()));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    /** The hub's own signature over a content that claims a longer log. */
    private static String altered(String signed) throws Exception {
        String[] parts = signed.split("\\.");
        String payload = JWSObject.parse(signed).getPayload().toString().replaceFirst("\"seq\":(\\d+)", "\"seq\":999999");
        return parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(payload) + "." + parts[2];
    }
}
