package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The log's numbers are given when entries reach the graph, so what keeps an entry from being written
 * twice is its own key (and, for entries journaled before keys, the journal's mark), in the same
 * transaction: a batch moved again after a crash, whoever moves it, adds nothing.
 */
class DisclosureLogMovedTwiceIT extends HubIntegrationTest {

    @Autowired
    DisclosureLogRepository repository;

    @Test
    @DisplayName("a batch moved into the graph twice is written once; an entry journaled before keys counts as moved up to its journal's mark; the chain verifies")
    void movedTwiceWrittenOnce() {
        String journal = "moved-twice-" + UUID.randomUUID();
        String endUser = DisclosureLog.uniqueEndUser("moved-twice");
        var first = entry(endUser, "QUERY first").numbered(1, UUID.randomUUID().toString());
        var second = entry(endUser, "QUERY second").numbered(2, UUID.randomUUID().toString());

        var written = repository.append(List.of(second, first), journal);
        assertThat(written).extracting(DisclosureEntry::operation).containsExactly("QUERY first", "QUERY second");
        assertThat(written.get(1).seq()).isEqualTo(written.get(0).seq() + 1);
        assertThat(written.get(1).previousHash()).isEqualTo(written.get(0).hash());
        // again, as after a crash between the graph's commit and the journal's knowing of it
        assertThat(repository.append(List.of(first, second), journal)).isEmpty();
        // under another journal name (a host renamed), still known by the keys
        assertThat(repository.append(List.of(first, second), journal + "-renamed")).isEmpty();

        // an old journal line without a key carries the number it had; up to the mark it counts as moved
        assertThat(repository.append(List.of(entry(endUser, "QUERY old").numbered(2, null)), journal)).isEmpty();
        assertThat(repository.append(List.of(entry(endUser, "QUERY old, not moved").numbered(3, null)), journal))
                .extracting(DisclosureEntry::operation).containsExactly("QUERY old, not moved");

        assertThat(driver.executableQuery("MATCH (d:DisclosureEntry {endUser: $endUser}) RETURN d.operation AS operation, d.journalSeq AS local")
                .withParameters(Map.of("endUser", endUser)).execute().records())
                .extracting(r -> r.get("operation").asString() + " #" + r.get("local").asLong())
                .containsExactlyInAnyOrder("QUERY first #1", "QUERY second #2", "QUERY old, not moved #3");
        assertThat(graphQl("prosecutor-demo").documentName("verifyDisclosureLog").executeSync()
                .field("verifyDisclosureLog.intact").<Boolean>getValue()).isTrue();
    }

    private static DisclosureEntry entry(String endUser, String operation) {
        return DisclosureEntry.by("moved-twice-client", "KZ-KUIS").forWhom(endUser, PURPOSE).operation(operation)
                .outcome(DisclosureEntry.Outcome.DISCLOSED);
    }
}
