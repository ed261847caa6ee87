package kz.reentry.hub.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Indicators.repeatOffences and the REPEAT_CRIME reconciliation count convictions for a crime committed after a
 * release (003 cl. 29, 52: "о совершенных ими повторных преступлений"), not suspicions, and not a later verdict
 * for a crime committed before it. A cohort of its own: released in 2044 into KZ-63.
 */
class RepeatOffencesIT extends HubIntegrationTest {

    private static final String REGION = "KZ-63";

    @Test
    @DisplayName("003 cl. 29, 52: a suspicion after release is no repeat offence, nor a conviction for a crime before it; a conviction for a crime after it is")
    void convictionsForNewCrimesOnly() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2044, 3, 1)).set("person.surname", "Нұрланов"));
        graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", id, "date", "2044-02-27",
                "type", "PAROLE", "destinationRegion", REGION, "sourceSystem", "KUIS", "sourceMessageId", "rep-" + id))
                .executeSync().field("recordRelease.id").getValue();
        assertThat(repeatOffences()).isZero();
        // the court's list of repeat crimes, empty: what the hub counts is then a discrepancy, listed by HUB
        graphQl("court-demo").documentName("submitReconciliationStatement").variable("input", Map.of("messageId",
                "rep-" + UUID.randomUUID(), "category", "REPEAT_CRIME", "region", REGION, "from", "2044-01-01",
                "to", "2044-12-31", "persons", List.of())).executeSync().field("submitReconciliationStatement.id").getValue();

        graphQl("police-demo").documentName("recordPersonState").variable("input", Map.of("personId", id,
                "kind", "SUSPECT", "from", "2044-05-01", "sourceSystem", "ЕРДР", "region", REGION)).executeSync();
        graphQl("kuis-demo").documentName("recordPersonState").variable("input", Map.of("personId", id,
                "kind", "ACCUSED", "from", "2044-05-10", "sourceSystem", "ЕРДР", "region", REGION)).executeSync()
                .field("recordPersonState.id").getValue();
        assertThat(repeatOffences()).as("suspected and accused after release, not convicted").isZero();

        convicted(id, "2043-11-20", "2044-06-15");
        assertThat(repeatOffences()).as("convicted after release of a crime committed before it").isZero();
        assertThat(repeatCrimes()).as("the hub's REPEAT_CRIME list").doesNotContain(id);

        convicted(id, "2044-05-01", "2044-09-01");
        assertThat(repeatOffences()).as("convicted of a crime committed after release").isEqualTo(1);
        assertThat(repeatCrimes()).as("the hub's REPEAT_CRIME list").containsExactly(id);
    }

    @Test
    @DisplayName("003 cl. 52: a conviction comes from a court or the penal system; a verdict before the crime is refused")
    void convictionReported() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2044, 4, 1)));
        var byPolice = graphQl("police-demo").documentName("recordConviction").variable("input", input(id, "2044-01-01", "2044-02-01"))
                .executeSync();
        assertErrorType(byPolice, "FORBIDDEN");
        var backwards = graphQl("court-demo").documentName("recordConviction").variable("input", input(id, "2044-02-01", "2044-01-01"))
                .executeSync();
        assertBadRequest(backwards, "input.convictedOn", "dates.order");

        var same = input(id, "2044-01-01", "2044-02-01");
        String first = graphQl("court-demo").documentName("recordConviction").variable("input", same).executeSync()
                .field("recordConviction.id").getValue();
        String again = graphQl("kuis-demo").documentName("recordConviction").variable("input", same).executeSync()
                .field("recordConviction.id").getValue();
        assertThat(again).as("the same verdict reported again").isEqualTo(first);
        assertThat(count("MATCH (:Person {id: $id})-[:CONVICTED]->(c:Conviction) RETURN count(c)", Map.of("id", id))).isEqualTo(1);
    }

    private void convicted(String personId, String offenceOn, String convictedOn) {
        graphQl("court-demo").documentName("recordConviction").variable("input", input(personId, offenceOn, convictedOn))
                .executeSync().field("recordConviction.id").getValue();
    }

    private static Map<String, Object> input(String personId, String offenceOn, String convictedOn) {
        Map<String, Object> input = new HashMap<>();
        input.put("personId", personId);
        input.put("court", "Специализированный межрайонный суд по уголовным делам");
        input.put("article", "188 ч.2");
        input.put("offenceOn", offenceOn);
        input.put("convictedOn", convictedOn);
        input.put("region", REGION);
        input.put("sourceSystem", "ЕРДР");
        input.put("sourceMessageId", "verdict-" + personId + "-" + offenceOn);
        return input;
    }

    private int repeatOffences() {
        Map<String, Object> indicators = graphQl("prosecutor-demo").documentName("indicators").variable("from", "2044-01-01")
                .variable("to", "2044-12-31").variable("region", REGION).executeSync().field("indicators").toEntity(Map.class);
        assertThat(indicators).containsEntry("released", 1);
        return (Integer) indicators.get("repeatOffences");
    }

    @SuppressWarnings("unchecked")
    private List<String> repeatCrimes() {
        var reply = graphQl("prosecutor-demo").documentName("reconciliation").variable("region", REGION)
                .variable("category", "REPEAT_CRIME").variable("from", "2044-01-01").variable("to", "2044-12-31").executeSync();
        List<Map<String, Object>> discrepancies = reply.field("reconciliation.discrepancies").getValue();
        return discrepancies.stream().filter(d -> ((List<String>) d.get("listedBy")).contains("HUB"))
                .map(d -> (String) ((Map<String, Object>) d.get("person")).get("id")).toList();
    }
}
