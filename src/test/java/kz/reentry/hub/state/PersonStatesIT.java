package kz.reentry.hub.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;

class PersonStatesIT extends HubIntegrationTest {

    @Test
    @DisplayName("intake puts the person in custody from the start of term; a recorded release ends custody and opens RELEASED and, for parole, PAROLEE")
    void releaseEndsCustody() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2035, 6, 1));
        String id = filed(record);

        var release = release(id, "2035-04-10", "PAROLE", "KZ-71", "rel-" + id);
        assertThat(release.getErrors()).isEmpty();

        var states = graphQl("kuis-demo").documentName("personCase").variable("id", id).executeSync()
                .field("personById.states").toEntityList(Map.class);
        assertThat(states).extracting(s -> s.get("kind") + " " + s.get("from") + " " + s.get("to")).containsExactlyInAnyOrder(
                "IN_CUSTODY 2031-06-01 2035-04-10", "RELEASED 2035-04-10 null", "PAROLEE 2035-04-10 2035-06-01");
        assertThat(states).filteredOn(s -> s.get("kind").equals("IN_CUSTODY"))
                .extracting(s -> s.get("sourceMessageId")).containsExactly(record.get("messageId"));
    }

    @Test
    @DisplayName("how many persons were in custody or released on a date, in a region, counts each state only while it lasted")
    void countsOnDates() {
        String region = "KZ-43";
        int custodyInJanuary = count("IN_CUSTODY", "2036-01-31", region);
        int custodyInMarch = count("IN_CUSTODY", "2036-03-01", region);
        int releasedInJanuary = count("RELEASED", "2036-01-31", region);
        int releasedInMarch = count("RELEASED", "2036-03-01", region);
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2036, 5, 1)).set("institution.region", region));
        release(id, "2036-02-01", "END_OF_TERM", region, "count-" + id);

        assertThat(count("IN_CUSTODY", "2036-01-31", region)).isEqualTo(custodyInJanuary + 1);
        assertThat(count("IN_CUSTODY", "2036-03-01", region)).isEqualTo(custodyInMarch);
        assertThat(count("RELEASED", "2036-01-31", region)).isEqualTo(releasedInJanuary);
        assertThat(count("RELEASED", "2036-03-01", region)).isEqualTo(releasedInMarch + 1);
    }

    @Test
    @DisplayName("administrative supervision carries its court restrictions; the same report twice is one state")
    void supervision() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2035, 7, 1)));
        Map<String, Object> input = Map.of("personId", id, "kind", "ADMINISTRATIVE_SUPERVISION", "from", "2035-07-02",
                "to", "2036-07-01", "region", "KZ-75", "restrictions", List.of("NO_ALCOHOL", "NO_LEAVING_HOME_AT_SET_HOURS"),
                "sourceSystem", "court", "sourceMessageId", "sup-" + id);

        var first = graphQl("police-demo").documentName("recordPersonState").variable("input", input).executeSync();
        var again = graphQl("police-demo").documentName("recordPersonState").variable("input", input).executeSync();

        assertThat((Object) first.field("recordPersonState.id").getValue())
                .isEqualTo(again.field("recordPersonState.id").getValue());
        assertThat(first.field("recordPersonState.restrictions").toEntityList(String.class))
                .containsExactly("NO_ALCOHOL", "NO_LEAVING_HOME_AT_SET_HOURS");
        assertThat(count("MATCH (:Person {id: $id})-[:WAS]->(s:PersonState {kind: 'ADMINISTRATIVE_SUPERVISION'}) RETURN count(s)",
                Map.of("id", id))).isEqualTo(1);
    }

    @Test
    @DisplayName("a state report that breaks a rule is refused naming the field")
    void stateRules() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2035, 8, 1)));
        Map<String, Object> valid = Map.of("personId", id, "kind", "PROBATIONER", "from", "2035-08-02", "sourceSystem", "СП");

        assertBadRequest(state(with(valid, "to", "2035-08-01")), "input.to", "dates.order");
        assertBadRequest(state(with(valid, "restrictions", List.of("NO_ALCOHOL"))), "input.restrictions", "state.restrictions");
        assertBadRequest(state(with(valid, "region", "KZ-00")), "input.region", "region.unknown");
        assertBadRequest(state(with(valid, "kind", "RELEASED")), "input.kind", "state.release");
        assertErrorType(graphQl("akimat-demo").documentName("recordPersonState").variable("input", valid).executeSync(),
                "FORBIDDEN");
    }

    @Test
    @DisplayName("a release into an unknown region, or before the term started, is refused naming the field")
    void releaseRules() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2035, 9, 1)));

        assertBadRequest(release(id, "2035-08-01", "END_OF_TERM", "KZ-00", null), "input.destinationRegion", "region.unknown");
        assertBadRequest(release(id, "2030-01-01", "END_OF_TERM", "KZ-75", null), "input.date", "dates.order");
    }

    private ClientGraphQlResponse state(Map<String, Object> input) {
        return graphQl("probation-demo").documentName("recordPersonState").variable("input", input).executeSync();
    }

    private ClientGraphQlResponse release(String id, String date, String type, String region, String messageId) {
        var input = new HashMap<String, Object>(Map.of("personId", id, "date", date, "type", type,
                "destinationRegion", region, "sourceSystem", "KUIS"));
        if (messageId != null) {
            input.put("sourceMessageId", messageId);
        }
        return graphQl("kuis-demo").documentName("recordRelease").variable("input", input).executeSync();
    }

    private int count(String state, String on, String region) {
        return graphQl("kuis-demo").documentName("personStateCount").variable("state", state).variable("on", on)
                .variable("region", region).executeSync().field("personStateCount").toEntity(Integer.class);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        var copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
