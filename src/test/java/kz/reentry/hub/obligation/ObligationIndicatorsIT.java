package kz.reentry.hub.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * How the legal duties were kept, counted for supervision (obligationIndicators). North Kazakhstan
 * (KZ-59) is this class's alone: no other test sends anyone there and no stand-in receives its
 * notices, so its E1 duties stay open and the counts are this class's persons only.
 */
class ObligationIndicatorsIT extends HubIntegrationTest {

    private static final String REGION = "KZ-59";
    private static final String TALLY = """
            query ($from: Date!, $to: Date!, $region: ID) {
              obligationIndicators(from: $from, to: $to, region: $region) { kind due metOnTime metLate overdue arrivedLate }
            }""";

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Test
    @DisplayName("order 392 cl. 50, 003 cl. 51: a notice learned of late counts as late and overdue, one in good time as neither; an arrival confirmed in time as met on time")
    void dutiesByHowTheyWereKept() {
        LocalDate today = LocalDate.now();
        // learned of 100 days before release: its notice was due 265 days ago
        filed(record(today.plusDays(100)));
        // learned of two years ahead: due in a year
        filed(record(today.plusYears(2)));
        // a parolee released two days ago, whose arrival the police of the destination confirm at once
        String parolee = filed(record(today.plusYears(2)).set("release.type", "PAROLE"));
        assertThat(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", parolee,
                "date", today.minusDays(2).toString(), "type", "PAROLE", "destinationRegion", REGION, "sourceSystem", "KUIS",
                "sourceMessageId", "tally-" + parolee)).executeSync().getErrors()).isEmpty();
        HttpSyncGraphQlClient police = graphQlWithToken(new HubTokens(hubSigningKeys).issue("police-59-" + UUID.randomUUID(),
                "KZ-OVD-59", REGION, List.of("PERSON_READ", "PERSON_STATE_WRITE")));
        assertThat(police.document("""
                mutation ($input: ConfirmArrivalInput!) { confirmArrival(input: $input) { status } }""")
                .variable("input", Map.of("personId", parolee, "arrivedOn", today.minusDays(1).toString(),
                        "registeredOn", today.toString())).executeSync().getErrors()).isEmpty();

        Map<String, Map<String, Object>> byKind = tally("kuis-demo", today.minusYears(1), today.plusYears(2));

        assertThat(byKind.get("E1_RELEASE_NOTICE")).containsEntry("due", 3).containsEntry("overdue", 1)
                .containsEntry("arrivedLate", 1).containsEntry("metOnTime", 0).containsEntry("metLate", 0);
        assertThat(byKind.get("E9_ARRIVAL_CONFIRMATION")).containsEntry("due", 1).containsEntry("metOnTime", 1)
                .containsEntry("overdue", 0).containsEntry("arrivedLate", 0);
        // the prosecutor of the region counts the same, exactly
        HttpSyncGraphQlClient prosecutor = graphQlWithToken(new HubTokens(hubSigningKeys).issue("prosecutor-59-" + UUID.randomUUID(),
                "KZ-PR-59", REGION, List.of("PERSON_READ")));
        assertThat(tally(prosecutor, today.minusYears(1), today.plusYears(2))).isEqualTo(byKind);
        // the period selects by due date: only the late notice was due in the past year
        assertThat(tally("kuis-demo", today.minusYears(1), today.minusDays(1)).get("E1_RELEASE_NOTICE"))
                .containsEntry("due", 1).containsEntry("overdue", 1);
        // a party counts the persons of its own rows only: the akimat of Almaty, nobody released into North Kazakhstan
        assertThat(tally("akimat-demo", today.minusYears(1), today.plusYears(2))).isEmpty();
    }

    @Test
    @DisplayName("a period that ends before it starts is refused in the caller's terms")
    void periodInOrder() {
        var reply = graphQl("kuis-demo").document(TALLY).variable("from", "2027-01-02").variable("to", "2027-01-01")
                .variable("region", REGION).executeSync();
        assertBadRequest(reply, "to", "dates.order");
    }

    private static ReleaseRecords record(LocalDate release) {
        LocalDate born = LocalDate.of(1970, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 9000));
        return ReleaseRecords.validRelease(release).set("release.residenceRegion", REGION)
                .set("person.birthDate", born.toString()).set("person.iin", TestIins.forBirthDate(born));
    }

    private Map<String, Map<String, Object>> tally(String client, LocalDate from, LocalDate to) {
        return tally(graphQl(client), from, to);
    }

    private static Map<String, Map<String, Object>> tally(HttpSyncGraphQlClient client, LocalDate from, LocalDate to) {
        var reply = client.document(TALLY).variable("from", from.toString()).variable("to", to.toString())
                .variable("region", REGION).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        List<Map<String, Object>> rows = reply.field("obligationIndicators").getValue();
        return rows.stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("kind"), r -> r));
    }
}
