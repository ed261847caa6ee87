package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;

/**
 * Uniqueness checks and derived ids must not depend on, or tell, what lies outside the caller's rows:
 * an identity held by a person the caller cannot see, a message id used for such a person.
 */
class ChecksWithinRowsIT extends HubIntegrationTest {

    private static final LocalDate BORN = LocalDate.of(1990, 5, 17);

    /** A person the police of Almaty (KZ-75) do not see: in custody in KZ-35, to be released into Astana (KZ-71). */
    private ReleaseRecords hiddenFromAlmatyPolice() {
        return ReleaseRecords.validRelease(LocalDate.of(2046, 3, 1)).set("release.residenceRegion", "KZ-71");
    }

    @Test
    @DisplayName("registering an IIN held by a person the caller cannot see is answered exactly as a new registration, and the holder stays hidden and untouched")
    void registrationOfAHiddenIdentity() {
        var holderRecord = hiddenFromAlmatyPolice();
        String holder = filed(holderRecord);
        String heldIin = holderRecord.iin();
        String freshIin = TestIins.forBirthDate(BORN);

        var fresh = register(freshIin, "Серікбаев");
        var hidden = register(heldIin, "Серікбаев");

        assertThat(fresh.getErrors()).isEmpty();
        assertThat(hidden.getErrors()).as("the same answer as for a new IIN").isEmpty();
        Map<String, Object> freshAnswer = fresh.field("registerPerson").toEntity(Map.class);
        Map<String, Object> hiddenAnswer = hidden.field("registerPerson").toEntity(Map.class);
        assertThat(withoutKeys(hiddenAnswer, heldIin)).isEqualTo(withoutKeys(freshAnswer, freshIin));
        String claimant = (String) hiddenAnswer.get("id");
        assertThat(claimant).isNotEqualTo(holder);

        // later reads by the registering party find its own record, by every key, as for a new one
        for (var found : List.of(
                graphQl("police-demo").documentName("personByIdentifier").variable("kind", "KZ_IIN").variable("value", heldIin).executeSync()
                        .field("personByIdentifier").toEntity(Map.class),
                graphQl("police-demo").documentName("personView").variable("iin", heldIin).executeSync()
                        .field("person").toEntity(Map.class))) {
            assertThat(found).containsEntry("iin", heldIin).containsEntry("surname", "Серікбаев");
        }
        assertThat(graphQl("police-demo").documentName("personByIdentifier").variable("kind", "KZ_IIN")
                .variable("value", heldIin).executeSync().field("personByIdentifier.id").<String>getValue()).isEqualTo(claimant);
        assertErrorType(graphQl("police-demo").documentName("personCase").variable("id", holder).executeSync(), "NOT_FOUND");
        // a second registration is refused as for a person the caller registered itself
        assertBadRequest(register(heldIin, "Серікбаев"), "input.identity.number", "identity.taken");
        assertBadRequest(register(freshIin, "Серікбаев"), "input.identity.number", "identity.taken");

        // the holder keeps its IIN, its name and its one Identity; the penal system finds the holder by the IIN
        var byPenalSystem = graphQl("kuis-demo").documentName("personView").variable("iin", heldIin).executeSync();
        assertThat((Object) byPenalSystem.field("person.surname").getValue()).isEqualTo(holderRecord.get("person.surname"));
        assertThat(count("MATCH (:Identity {key: $key})<-[:HAS_IDENTITY]-(p) RETURN count(p)", Map.of("key", "KZ_IIN:" + heldIin)))
                .as("holders of the IIN").isEqualTo(1);
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p)", Map.of("iin", heldIin))).isEqualTo(1);
        assertThat(count("MATCH (:Person {id: $claimant})-[:POSSIBLY_SAME_AS]->(:Person {id: $holder}) RETURN count(*)",
                Map.of("claimant", claimant, "holder", holder))).as("linked for reconciliation").isEqualTo(1);
    }

    @Test
    @DisplayName("adding a document held by a person the caller cannot see is answered as for a new document, and the holder's stays its own")
    void addedIdentityOfAHiddenPerson() {
        String hiddenHolder = filed(hiddenFromAlmatyPolice());
        String visible = filed(ReleaseRecords.validRelease(LocalDate.of(2046, 3, 2)));
        String heldPassport = "N" + (System.nanoTime() % 9000000 + 1000000);
        String freshPassport = "N" + (System.nanoTime() % 9000000 + 1000001);
        assertThat(addIdentity("kuis-demo", hiddenHolder, heldPassport).getErrors()).isEmpty();

        var fresh = addIdentity("police-demo", visible, freshPassport);
        var hidden = addIdentity("police-demo", visible, heldPassport);

        assertThat(fresh.getErrors()).isEmpty();
        assertThat(hidden.getErrors()).as("the same answer as for a new passport").isEmpty();
        assertThat(hidden.field("addIdentity.identities").toEntityList(Map.class))
                .contains(Map.of("kind", "PASSPORT", "value", heldPassport), Map.of("kind", "PASSPORT", "value", freshPassport));
        assertThat((Object) graphQl("police-demo").documentName("personByIdentifier").variable("kind", "PASSPORT")
                .variable("value", heldPassport).executeSync().field("personByIdentifier.id").getValue()).isEqualTo(visible);
        assertThat((Object) graphQl("kuis-demo").documentName("personByIdentifier").variable("kind", "PASSPORT")
                .variable("value", heldPassport).executeSync().field("personByIdentifier.id").getValue()).isEqualTo(hiddenHolder);
        // a party that sees both is told, as before, that the passport is taken
        assertBadRequest(addIdentity("kuis-demo", visible, heldPassport), "input.number", "identity.taken");
    }

    @Test
    @DisplayName("a release or state reported with a message id already used for a person the caller cannot see is filed for its own person; a retry is still one state")
    void sourceMessageIdsAreScopedToTheirPerson() {
        String hidden = filed(hiddenFromAlmatyPolice());
        String visible = filed(ReleaseRecords.validRelease(LocalDate.of(2046, 3, 3)));
        String messageId = "msg-" + System.nanoTime();
        assertThat(release("kuis-demo", hidden, "2046-02-20", "KZ-71", messageId).getErrors()).isEmpty();
        assertThat(state("kuis-demo", hidden, "KZ-71", messageId).getErrors()).isEmpty();

        var released = release("probation-demo", visible, "2046-02-25", "KZ-75", messageId);
        var again = release("probation-demo", visible, "2046-02-25", "KZ-75", messageId);
        var probationer = state("probation-demo", visible, "KZ-75", messageId);
        var probationerAgain = state("probation-demo", visible, "KZ-75", messageId);

        assertThat(released.getErrors()).isEmpty();
        assertThat(probationer.getErrors()).isEmpty();
        assertThat((Object) again.field("recordRelease.id").getValue()).isEqualTo(released.field("recordRelease.id").getValue());
        assertThat((Object) probationerAgain.field("recordPersonState.id").getValue())
                .isEqualTo(probationer.field("recordPersonState.id").getValue());
        assertThat(statesOf(visible)).containsExactlyInAnyOrder("IN_CUSTODY", "RELEASED", "PROBATIONER");
        assertThat(statesOf(hidden)).containsExactlyInAnyOrder("IN_CUSTODY", "RELEASED", "PROBATIONER");
        assertThat(count("MATCH (:Person {id: $id})-[:WAS]->(s:PersonState {kind: 'RELEASED'}) RETURN count(s)",
                Map.of("id", hidden))).isEqualTo(1);
        assertThat(count("MATCH (p:Person)-[:WAS]->(s:PersonState) WHERE s.sourceMessageId = $m WITH s, count(p) AS persons "
                + "WHERE persons > 1 RETURN count(s)", Map.of("m", messageId))).as("states shared by persons").isZero();
    }

    private ClientGraphQlResponse register(String iin, String surname) {
        return graphQl("police-demo").documentName("registerPerson").variable("input", Map.of("surname", surname,
                "givenName", "Ерлан", "birthDate", BORN.toString(), "sex", "MALE", "citizenship", "KZ",
                "identity", Map.of("kind", "KZ_IIN", "number", iin, "country", "KZ"))).executeSync();
    }

    private ClientGraphQlResponse addIdentity(String client, String personId, String passport) {
        return graphQl(client).documentName("addIdentity").variable("input", Map.of("personId", personId,
                "kind", "PASSPORT", "number", passport, "country", "KZ")).executeSync();
    }

    private ClientGraphQlResponse release(String client, String personId, String date, String region, String messageId) {
        return graphQl(client).documentName("recordRelease").variable("input", Map.of("personId", personId, "date", date,
                "type", "END_OF_TERM", "destinationRegion", region, "sourceSystem", "KUIS", "sourceMessageId", messageId))
                .executeSync();
    }

    private ClientGraphQlResponse state(String client, String personId, String region, String messageId) {
        return graphQl(client).documentName("recordPersonState").variable("input", Map.of("personId", personId,
                "kind", "PROBATIONER", "from", "2046-02-26", "region", region, "sourceSystem", "KUIS",
                "sourceMessageId", messageId)).executeSync();
    }

    private List<Object> statesOf(String personId) {
        return graphQl("kuis-demo").documentName("personCase").variable("id", personId).executeSync()
                .field("personById.states").toEntityList(Map.class).stream().map(s -> s.get("kind")).toList();
    }

    /** The answer with the id left out and the IIN replaced by a placeholder, to compare two registrations. */
    private static Map<String, Object> withoutKeys(Map<String, Object> answer, String iin) {
        Map<String, Object> rest = new HashMap<>(JSON.readValue(JSON.writeValueAsString(answer).replace(iin, "#"), Map.class));
        rest.remove("id");
        return rest;
    }
}
