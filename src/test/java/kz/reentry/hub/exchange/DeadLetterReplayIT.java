package kz.reentry.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeadLetterReplayIT extends HubIntegrationTest {

    @Test
    @DisplayName("a rejected record is listed as a pending dead letter; replayed unchanged it fails again, corrected it is filed and the dead letter is closed")
    void replayAfterCorrection() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2029, 2, 1)).set("release.residenceRegion", "KZ-00");
        String deadLetterId = postRelease(record.json()).body().get("deadLetterId").asString();

        assertThat(pendingIds()).contains(deadLetterId);

        var unchanged = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetterId).executeSync();
        assertThat((Object) unchanged.field("replayDeadLetter.accepted").getValue()).isEqualTo(false);
        assertThat((Object) unchanged.field("replayDeadLetter.deadLetter.status").getValue()).isEqualTo("PENDING");
        assertThat((Object) unchanged.field("replayDeadLetter.deadLetter.attempts").getValue()).isEqualTo(2);
        assertThat((Object) unchanged.field("replayDeadLetter.deadLetter.errors[0].rule").getValue()).isEqualTo("region.unknown");

        String correctedPayload = record.set("release.residenceRegion", "KZ-79").json();
        var corrected = graphQl("kuis-demo").documentName("replayDeadLetter")
                .variable("id", deadLetterId).variable("correctedPayload", correctedPayload).executeSync();

        assertThat(corrected.getErrors()).isEmpty();
        assertThat((Object) corrected.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        assertThat((Object) corrected.field("replayDeadLetter.deadLetter.status").getValue()).isEqualTo("REPLAYED");
        assertThat((Object) corrected.field("replayDeadLetter.deadLetter.resolvedAt").getValue()).isNotNull();
        assertThat((Object) corrected.field("replayDeadLetter.person.iin").getValue()).isEqualTo(record.iin());
        assertThat(pendingIds()).doesNotContain(deadLetterId);
        var person = graphQl("kuis-demo").documentName("personView").variable("iin", record.iin()).executeSync();
        assertThat((Object) person.field("person.plannedRelease.residenceRegion.code").getValue()).isEqualTo("KZ-79");
        assertThat(count("MATCH (d:DeadLetter {id: $id}) WHERE d.payload = $payload RETURN count(d)",
                Map.of("id", deadLetterId, "payload", correctedPayload))).isEqualTo(1);
        assertThat(count("MATCH (m:InboundMessage {messageId: $id, channel: 'replay', sender: 'kuis-demo'}) RETURN count(m)",
                Map.of("id", record.get("messageId")))).isEqualTo(1);
    }

    @Test
    @DisplayName("a dead letter already replayed cannot be replayed again")
    void noSecondReplay() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2029, 2, 2)).set("person.citizenship", "XX");
        String deadLetterId = postRelease(record.json()).body().get("deadLetterId").asString();
        graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetterId)
                .variable("correctedPayload", record.set("person.citizenship", "KZ").json()).executeSync();

        var again = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetterId).executeSync();

        assertThat(again.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST");
            assertThat(error.getExtensions()).containsEntry("rule", "deadLetter.replayed");
        });
    }

    @Test
    @DisplayName("replaying an unknown dead letter is NOT_FOUND")
    void unknownDeadLetter() {
        var reply = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", "no-such-id").executeSync();

        assertThat(reply.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("dead letters page by cursor without repeating or skipping one")
    void paging() {
        List<String> own = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(postRelease("not json " + i).body().get("deadLetterId").asString());
        }
        // the listing is oldest first and shared: start just before this test's first dead letter
        List<Map> all = pendingEdges();
        List<String> allIds = nodeIds(all);
        assertThat(allIds).as("the whole listing").containsAll(own);
        // dead letters received in the same millisecond are ordered by id, so not necessarily as posted
        int firstOwn = own.stream().mapToInt(allIds::indexOf).min().orElseThrow();
        String before = firstOwn == 0 ? null : (String) all.get(firstOwn - 1).get("cursor");

        List<String> paged = new java.util.ArrayList<>();
        String after = before;
        boolean hasNext = true;
        while (hasNext) {
            var page = graphQl("kuis-demo").documentName("deadLetters").variable("first", 2).variable("after", after)
                    .executeSync();
            paged.addAll(nodeIds(page.field("deadLetters.edges").toEntityList(Map.class)));
            hasNext = page.field("deadLetters.pageInfo.hasNextPage").getValue();
            after = page.field("deadLetters.pageInfo.endCursor").getValue();
        }
        // pages of two from there: this test's three in order, nothing repeated or skipped up to the end
        assertThat(paged.subList(0, own.size())).containsExactlyInAnyOrderElementsOf(own);
        assertThat(paged).containsExactlyElementsOf(allIds.subList(firstOwn, allIds.size()));
    }

    @Test
    @DisplayName("only an intake operator may list or replay dead letters")
    void operatorsOnly() {
        var listing = graphQl("probation-demo").documentName("deadLetters").executeSync();
        var replay = graphQl("ngo-demo").documentName("replayDeadLetter").variable("id", "any").executeSync();

        assertThat(listing.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertThat(replay.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }

    /** Every pending dead letter, whatever other tests left: the whole listing, page by page. */
    private List<String> pendingIds() {
        return nodeIds(pendingEdges());
    }

    private List<Map> pendingEdges() {
        List<Map> edges = new java.util.ArrayList<>();
        String after = null;
        boolean hasNext = true;
        while (hasNext) {
            var page = graphQl("kuis-demo").documentName("deadLetters").variable("first", 100).variable("after", after)
                    .executeSync();
            edges.addAll(page.field("deadLetters.edges").toEntityList(Map.class));
            hasNext = page.field("deadLetters.pageInfo.hasNextPage").getValue();
            after = page.field("deadLetters.pageInfo.endCursor").getValue();
        }
        return edges;
    }

    private static List<String> nodeIds(List<Map> edges) {
        return edges.stream().map(edge -> (String) ((Map<?, ?>) edge.get("node")).get("id")).toList();
    }
}
