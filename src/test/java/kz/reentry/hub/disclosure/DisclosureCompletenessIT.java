package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * Reads and writes of personal data that used to leave no entry, or an entry naming the wrong party
 * or nobody: dead-letter payloads read by operators, _entities lookups of persons outside the
 * caller's rows, a dead letter replayed by an operator. Each test finds its own request's entries by
 * an end user name nobody else uses.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class DisclosureCompletenessIT extends HubIntegrationTest {

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private static final String DEAD_LETTER_PAYLOADS = """
            query ($after: String) { deadLetters(first: 500, after: $after) {
              edges { node { id payload } } pageInfo { hasNextPage endCursor } } }
            """;

    @Test
    @DisplayName("an operator reading dead-letter payloads is logged with the persons they name: by hub id when filed, by IIN when not")
    void deadLetterPayloadsAreLogged() {
        var filedRecord = ReleaseRecords.validRelease(LocalDate.of(2047, 1, 1));
        String filed = filed(filedRecord);
        assertThat(postRelease(filedRecord.newMessage().remove("person.surname").json()).status()).isEqualTo(400);
        var unfiled = ReleaseRecords.validRelease(LocalDate.of(2047, 1, 2)).remove("person.givenName");
        assertThat(postRelease(unfiled.json()).status()).isEqualTo(400);
        String endUser = DisclosureLog.uniqueEndUser("dead-letter-reader");
        // the penal system's operator, who may read every payload (an E3 one is withheld from the prosecutor)
        var operator = DisclosureLog.as(graphQl("kuis-demo"), endUser);

        readAllDeadLetters(operator);

        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-KUIS"), endUser);
        assertThat(logged).isNotEmpty().allSatisfy(entry -> assertThat(entry).containsEntry("client", "kuis-demo")
                .containsEntry("outcome", "DISCLOSED"));
        assertThat(logged).anySatisfy(entry -> {
            assertThat((List<Object>) entry.get("persons")).contains(filed, "iin:" + unfiled.iin());
            assertThat((List<Object>) entry.get("fields")).contains("DeadLetter.payload");
        });
    }

    @Test
    @DisplayName("an _entities lookup of a person outside the caller's rows is logged as REFUSED, and a batch with some found as PARTLY_REFUSED")
    void hiddenEntitiesAreLogged() {
        String notAssigned = filed(ReleaseRecords.validRelease(LocalDate.of(2047, 1, 3)));
        String assigned = filed(ReleaseRecords.validRelease(LocalDate.of(2047, 1, 4)));
        var ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-71", 1);
        assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", assigned,
                "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
        String hiddenOnly = DisclosureLog.uniqueEndUser("entities-hidden");
        String mixed = DisclosureLog.uniqueEndUser("entities-mixed");

        var hidden = entities(DisclosureLog.as(graphQlWithToken(ngo.token()), hiddenOnly), List.of(notAssigned));
        var some = entities(DisclosureLog.as(graphQlWithToken(ngo.token()), mixed), List.of(notAssigned, assigned));

        assertThat(hidden).containsExactly((Object) null);
        assertThat(some).hasSize(2).first().isNull();
        var prosecutor = graphQl("prosecutor-demo");
        assertThat(DisclosureLog.byEndUser(prosecutor, Map.of("agency", ngo.code()), hiddenOnly)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("client", ngo.client()).containsEntry("outcome", "REFUSED")
                        .containsEntry("persons", List.of()));
        assertThat(DisclosureLog.byEndUser(prosecutor, Map.of("agency", ngo.code()), mixed)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "PARTLY_REFUSED")
                        .containsEntry("persons", List.of(assigned)));
    }

    @Test
    @DisplayName("a dead letter replayed by an operator is logged as the operator's write, with its agency and the person filed, in the intake's entry and the mutation's")
    void replayIsTheOperatorsWrite() {
        var broken = ReleaseRecords.validRelease(LocalDate.of(2047, 1, 5)).remove("person.surname");
        String deadLetterId = postRelease(broken.json()).body().get("deadLetterId").asString();
        String corrected = broken.set("person.surname", "Исправленова").json();
        String endUser = DisclosureLog.uniqueEndUser("replaying-operator");

        var replayed = DisclosureLog.as(graphQl("prosecutor-demo"), endUser)
                .document("mutation ($id: ID!, $payload: String) { replayDeadLetter(id: $id, correctedPayload: $payload) { accepted } }")
                .variable("id", deadLetterId).variable("payload", corrected).executeSync();

        assertThat((Object) replayed.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        String person = driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", broken.iin())).execute().records().getFirst().get("id").asString();
        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-GP"), endUser);
        assertThat(logged).extracting(entry -> entry.get("operation"))
                .containsExactlyInAnyOrder("INTAKE E5 replay", "MUTATION replayDeadLetter");
        assertThat(logged).allSatisfy(entry -> assertThat(entry).containsEntry("client", "prosecutor-demo")
                .containsEntry("agency", "KZ-GP").containsEntry("purpose", PURPOSE).containsEntry("outcome", "WRITTEN")
                .containsEntry("persons", List.of(person)));
    }

    /** Pages through every pending dead letter, reading their payloads. */
    private static void readAllDeadLetters(HttpSyncGraphQlClient operator) {
        String after = null;
        do {
            var page = operator.document(DEAD_LETTER_PAYLOADS).variable("after", after).executeSync();
            assertThat(page.getErrors()).isEmpty();
            after = Boolean.TRUE.equals(page.field("deadLetters.pageInfo.hasNextPage").getValue())
                    ? page.field("deadLetters.pageInfo.endCursor").getValue() : null;
        } while (after != null);
    }

    private static List<Object> entities(HttpSyncGraphQlClient client, List<String> ids) {
        return client.document("query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id surname } } }")
                .variable("r", ids.stream().map(id -> Map.of("__typename", "Person", "id", id)).toList())
                .executeSync().field("_entities").toEntityList(Object.class);
    }
}
