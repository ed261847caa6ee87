package kz.reentry.hub.security;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * Jurisdiction in the access table: a Belarus body never sees a Kazakh person, and a Kazakh body never a
 * Belarus one, though both sides' penal systems see every person of their own (rows ALL). The Belarus side
 * of every root field is probed by EveryPersonReadIT (its foreign callers); this is the Kazakh side, and
 * the counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JurisdictionSeparationIT extends HubIntegrationTest {

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private HttpSyncGraphQlClient din;
    private String kazakh;
    private String kazakhIin;
    private String belarusian;
    private String belarusNumber;
    private final String surname = "Ясюкевич" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9a-f]", "ж");

    @BeforeAll
    void fixture() {
        din = graphQlWithToken(new HubTokens(hubSigningKeys).issue("by-din-" + UUID.randomUUID(), "BY-DIN", "BY",
                List.of("PERSON_READ", "PERSON_STATE_WRITE", "IDENTITY_WRITE", "INDICATORS_READ", "EXCHANGE_OPERATOR",
                        "INTAKE_OPERATOR", "AUDIT_READ")));
        ReleaseRecords record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(3)).set("person.surname", surname)
                .set("release.residenceRegion", "KZ-62");
        kazakh = filed(record);
        kazakhIin = record.iin();
        belarusNumber = "5" + (System.nanoTime() % 900000 + 100000) + "C002PB3";
        var registered = din.documentName("registerPerson").variable("input", Map.of("surname", surname, "givenName", "Павел",
                "birthDate", "1990-02-03", "sex", "MALE", "citizenship", "BY",
                "identity", Map.of("kind", "BY_PERSONAL_NUMBER", "number", belarusNumber, "country", "BY"))).executeSync();
        assertThat(registered.getErrors()).isEmpty();
        belarusian = registered.field("registerPerson.id").getValue();
        var arrival = din.document("""
                mutation ($input: OpenInstitutionArrivalInput!) { arriveAtOpenInstitution(input: $input) { id } }""")
                .variable("input", Map.of("personId", belarusian, "institution", "BY-IUOT-JS", "institutionName", "ИУОТ (тест)",
                        "region", "BY-HM", "arrivedOn", LocalDate.now().minusDays(30).toString())).executeSync();
        assertThat(arrival.getErrors()).isEmpty();
        var state = graphQl("kuis-demo").documentName("recordPersonState").variable("input", Map.of("personId", kazakh,
                "kind", "PROBATIONER", "from", LocalDate.now().minusDays(2).toString(), "region", "KZ-62",
                "sourceSystem", "test")).executeSync();
        assertThat(state.getErrors()).isEmpty();
    }

    @Test
    @DisplayName("each penal system sees its own person by id, and nothing of the other's (access table: rows within the jurisdiction)")
    void byId() {
        assertThat(person(din, belarusian)).isNotNull();
        assertThat(person(graphQl("kuis-demo"), kazakh)).isNotNull();
        for (var kz : List.of("kuis-demo", "prosecutor-demo", "police-demo", "akimat-demo")) {
            assertThat(person(graphQl(kz), belarusian)).as(kz + " reading the Belarus person").isNull();
        }
        assertThat(person(din, kazakh)).as("Belarus's penal system reading the Kazakh person").isNull();
    }

    @Test
    @DisplayName("a Kazakh body finds no Belarus person by name, personal number, _entities, obligations or timeline; nor Belarus's a Kazakh one")
    void noOtherPaths() {
        var kuis = graphQl("kuis-demo");
        String seenByKuis = all(kuis, belarusian, belarusNumber) + all(graphQl("prosecutor-demo"), belarusian, belarusNumber);
        String seenByDin = all(din, kazakh, kazakhIin);

        assertThat(seenByKuis).doesNotContain(belarusian).doesNotContain(belarusNumber);
        assertThat(seenByDin).doesNotContain(kazakh).doesNotContain(kazakhIin);
        // the same probes find each side's own person, so they could have caught a leak
        assertThat(all(din, belarusian, belarusNumber)).contains(belarusian);
        assertThat(all(kuis, kazakh, kazakhIin)).contains(kazakh);
    }

    @Test
    @DisplayName("counts hold within the jurisdiction: Belarus's penal system counts no Kazakh probationer in KZ-62, and no Kazakh release in indicators")
    void counts() {
        Map<String, Object> variables = Map.of("state", "PROBATIONER", "on", LocalDate.now().toString(), "region", "KZ-62");
        Integer kz = graphQl("kuis-demo").documentName("personStateCount").variables(variables).executeSync()
                .field("personStateCount").getValue();
        Integer by = din.documentName("personStateCount").variables(variables).executeSync().field("personStateCount").getValue();
        assertThat(kz).isPositive();
        assertThat(by).isZero();
    }

    private static Object person(HttpSyncGraphQlClient client, String id) {
        return client.document("query ($id: ID!) { personById(id: $id) { id } }").variable("id", id).executeSync()
                .field("personById").getValue();
    }

    /**
     * What every person path answers the client about a person (by name, identifier, entities, obligations,
     * timeline, disclosures): the data only, as an error may repeat the key it was asked for.
     */
    private String all(HttpSyncGraphQlClient client, String id, String identifier) {
        StringBuilder seen = new StringBuilder();
        seen.append(client.documentName("searchPersons").variables(Map.of("name", surname, "first", 20)).executeSync().toMap().get("data"));
        seen.append(client.documentName("personByIdentifier").variables(Map.of("kind",
                identifier.length() == 12 ? "KZ_IIN" : "BY_PERSONAL_NUMBER", "value", identifier)).executeSync().toMap().get("data"));
        seen.append(client.documentName("entities").variable("representations", List.of(Map.of("__typename", "Person", "id", id)))
                .executeSync().toMap().get("data"));
        seen.append(client.document("""
                { overdueObligations(first: 100, party: "BY-IUOT-JS") { edges { node { id person { id } } } } }""")
                .executeSync().toMap().get("data"));
        seen.append(client.document("""
                query ($id: ID!) { caseTimeline(personId: $id, first: 50) { edges { node { kind summary } } } }""")
                .variable("id", id).executeSync().toMap().get("data"));
        seen.append(client.document("""
                query ($id: ID!) { disclosures(person: $id, first: 20) { edges { node { persons } } } }""")
                .variable("id", id).executeSync().toMap().get("data"));
        return seen.toString();
    }
}
