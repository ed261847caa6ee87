package kz.reentry.hub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

@SuppressWarnings({"unchecked", "rawtypes"})
class DisclosureLogIT extends HubIntegrationTest {

    @Autowired
    DisclosureJournal journal;

    @Autowired
    DisclosureLogWriter writer;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Test
    @DisplayName("criminal-record fields read through a custody episode are logged as fields of that person")
    void custodyFieldsAreLogged() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 1)));
        graphQl("probation-demo").document("""
                query custodyOf($id: ID!) { personById(id: $id) { custodyEpisodes { article court plannedRelease { date type } } } }
                """).variable("id", id).executeSync();

        var entry = entriesAbout(id).getFirst();

        assertThat((String) entry.get("operation")).isEqualTo("QUERY custodyOf");
        assertThat((List<Object>) entry.get("persons")).containsExactly(id);
        assertThat((List<Object>) entry.get("fields")).contains("Person.custodyEpisodes", "CustodyEpisode.article",
                "CustodyEpisode.court", "PlannedRelease.date", "PlannedRelease.type");
    }

    @Test
    @DisplayName("a read of a person is logged with client, agency, end user, purpose, the person and the fields read")
    void readIsLogged() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 1)));
        graphQl("probation-demo").documentName("personCase").variable("id", id).executeSync();

        var entry = entriesAbout(id).getFirst();

        assertThat(entry).containsEntry("client", "probation-demo").containsEntry("agency", "KZ-SP-75")
                .containsEntry("endUser", END_USER).containsEntry("purpose", PURPOSE).containsEntry("outcome", "DISCLOSED");
        assertThat((String) entry.get("operation")).isEqualTo("QUERY personCase");
        assertThat((List<Object>) entry.get("persons")).containsExactly(id);
        assertThat((List<Object>) entry.get("fields")).contains("Person.iin", "Person.states", "Person.obligations");
    }

    @Test
    @DisplayName("a mutation is logged as WRITTEN with its person however little the answer selects ({ id }, __typename), and a failed one as REFUSED")
    void everyWriteIsLogged() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 9)));
        String endUser = DisclosureLog.uniqueEndUser("writer");
        var akimat = DisclosureLog.as(graphQl("akimat-demo"), endUser);
        String measure = akimat.document("""
                        mutation($person: ID!, $deadline: Date!) { createProgramme(input: {personId: $person, measures: [
                          {domain: HOUSING, description: "Жильё", responsible: "KZ-MIO-75", deadline: $deadline}]})
                          { measures { id } } }
                        """).variable("person", person).variable("deadline", LocalDate.now().plusMonths(2).toString())
                .executeSync().field("createProgramme.measures[0].id").getValue();

        akimat.document("mutation($id: ID!) { updateMeasure(input: {measureId: $id, status: IN_PROGRESS}) { id } }")
                .variable("id", measure).executeSync();
        akimat.document("mutation($id: ID!) { updateMeasure(input: {measureId: $id, status: MET}) { __typename } }")
                .variable("id", measure).executeSync();
        var refused = akimat.document("mutation($id: ID!) { updateMeasure(input: {measureId: $id, status: MET}) { id } }")
                .variable("id", "no-such-measure").executeSync();
        assertThat(refused.getErrors()).isNotEmpty();
        var half = akimat.document("""
                        mutation($id: ID!) { done: updateMeasure(input: {measureId: $id, note: "Проверено"}) { id }
                                             missing: updateMeasure(input: {measureId: "no-such-measure", note: "x"}) { id } }
                        """).variable("id", measure).executeSync();
        assertThat(half.getErrors()).hasSize(1);

        // the programme drawn up before the release also goes to the akimat (E2, cl. 43 ¶2): the dispatcher's
        // DISCLOSED entry names this end user too, whenever the delivery happens; the writes are what is counted
        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-MIO-75"), endUser).stream()
                .filter(e -> !"DISCLOSED".equals(e.get("outcome"))).toList();
        assertThat(logged).extracting(e -> e.get("outcome") + " " + e.get("persons"))
                .containsExactly("PARTLY_REFUSED [" + person + "]", "REFUSED []", "WRITTEN [" + person + "]",
                        "WRITTEN [" + person + "]", "WRITTEN [" + person + "]");
        assertThat(logged).allSatisfy(e -> assertThat((List<Object>) e.get("fields")).isNotEmpty());
        assertThat((List<Object>) logged.get(1).get("fields")).containsExactly("Mutation.updateMeasure");
    }

    @Test
    @DisplayName("a release record filed through the intake is logged as WRITTEN by the penal system's client")
    void intakeIsLogged() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 5)));

        var entry = entriesAbout(id).getFirst();

        assertThat(entry).containsEntry("client", "kuis-demo").containsEntry("agency", "KZ-KUIS")
                .containsEntry("operation", "INTAKE E5 http").containsEntry("outcome", "WRITTEN");
    }

    @Test
    @DisplayName("a refused read of a person outside the caller's rows is logged as REFUSED")
    void refusalIsLogged() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 2)).set("release.residenceRegion", "KZ-71"));
        String endUser = DisclosureLog.uniqueEndUser("curious");
        DisclosureLog.as(graphQl("ngo-demo"), endUser).documentName("personCase").variable("id", id).executeSync();

        var refused = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "NGO-KZ-75-0001"), endUser);

        assertThat(refused).singleElement().satisfies(entry -> assertThat(entry).containsEntry("client", "ngo-demo")
                .containsEntry("outcome", "REFUSED").containsEntry("operation", "QUERY personCase")
                .containsEntry("persons", List.of()));
    }

    @Test
    @DisplayName("an operation on personal data without X-End-User and X-Purpose is refused, naming the headers, and this very request is logged as REFUSED")
    void purposeRequired() {
        // a client id of its own: with neither header, nothing else would tell this request's entry apart
        String client = DisclosureLog.uniqueEndUser("client-without-purpose");
        String token = new HubTokens(hubSigningKeys).issue(client, "KZ-KUIS", "KZ", List.of("PERSON_READ"));
        String body = http.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body("{\"query\": \"{ person(iin: \\\"900101300007\\\") { iin } }\"}")
                .retrieve().body(String.class);

        assertThat(body).contains("request.purpose").contains("X-End-User").contains("X-Purpose").doesNotContain("\"iin\":");
        assertThat(entries(Map.of("agency", "KZ-KUIS"))).filteredOn(e -> client.equals(e.get("client"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: no X-End-User or X-Purpose")
                        .containsEntry("endUser", null).containsEntry("purpose", null));
    }

    @Test
    @DisplayName("a person's own disclosure history is exported as a file naming only that person, and the export is logged")
    void subjectAccessExport() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 7)));
        graphQl("probation-demo").documentName("personCase").variable("id", id).executeSync();

        var reply = http.get().uri("/disclosures/subject-access/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("prosecutor-demo"))
                .header("X-End-User", "prosecutor-7").header("X-Purpose", "subject-access-2026-11")
                .retrieve().toEntity(Map.class);

        assertThat(reply.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(reply.getHeaders().getContentDisposition().getFilename()).startsWith("subject-access-" + id);
        var disclosures = (List<Map<String, Object>>) reply.getBody().get("disclosures");
        assertThat(disclosures).extracting(e -> e.get("operation")).contains("INTAKE E5 http", "QUERY personCase");
        assertThat(disclosures).allSatisfy(e -> assertThat(e).doesNotContainKey("persons").containsKey("hash"));
        assertThat(entriesAbout(id)).anySatisfy(e -> assertThat(e).containsEntry("operation", "EXPORT subject access")
                .containsEntry("client", "prosecutor-demo").containsEntry("endUser", "prosecutor-7"));
    }

    @Test
    @DisplayName("the subject access export is for the prosecutor's office only, needs the purpose headers and knows no unknown person")
    void subjectAccessRefusals() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 8)));

        assertThat(exportStatus(id, "ngo-demo", true)).isEqualTo(403);
        assertThat(exportStatus(id, "prosecutor-demo", false)).isEqualTo(400);
        assertThat(exportStatus("no-such-person", "prosecutor-demo", true)).isEqualTo(404);
    }

    private int exportStatus(String person, String client, boolean withPurpose) {
        return http.get().uri("/disclosures/subject-access/{id}", person)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(client))
                .headers(h -> {
                    if (withPurpose) {
                        h.add("X-End-User", "someone");
                        h.add("X-Purpose", "something");
                    }
                }).exchange((request, response) -> response.getStatusCode().value());
    }

    @Test
    @DisplayName("the log is chained: verification passes, and finds the first entry altered in the database")
    void tamperEvident() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 3)));
        graphQl("kuis-demo").documentName("personCase").variable("id", id).executeSync();
        var entry = entriesAbout(id).getFirst();
        assertThat(verification()).containsEntry("intact", true);

        long seq = ((Number) entry.get("seq")).longValue();
        driver.executableQuery("MATCH (d:DisclosureEntry {seq: $seq}) SET d.purpose = 'something else'")
                .withParameters(Map.of("seq", seq)).execute();
        var broken = verification();
        driver.executableQuery("MATCH (d:DisclosureEntry {seq: $seq}) SET d.purpose = $purpose")
                .withParameters(Map.of("seq", seq, "purpose", PURPOSE)).execute();

        assertThat(broken).containsEntry("intact", false);
        assertThat(((Number) broken.get("firstBrokenSeq")).longValue()).isEqualTo(seq);
        assertThat(verification()).containsEntry("intact", true);
    }

    @Test
    @DisplayName("entries the journal kept when the hub stopped before writing them reach the graph at the next start")
    void journalRecovery() throws Exception {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2045, 1, 4)));
        writer.flush();
        journal.append(new DisclosureEntry(0, ZonedDateTime.now(), "crashed-client", "KZ-KUIS", "officer-1", "case-1",
                "QUERY beforeTheCrash", List.of(id), List.of("Person.surname"), "DISCLOSED", null, null));
        journal.forceAndDrain();   // as if the process died after the append: nothing is left to hand over

        writer.recover();

        assertThat(entriesAbout(id)).anySatisfy(e -> assertThat(e).containsEntry("client", "crashed-client"));
        assertThat(verification()).containsEntry("intact", true);
    }

    private List<Map> entriesAbout(String personId) {
        return entries(Map.of("person", personId));
    }

    private List<Map> entries(Map<String, Object> filter) {
        return (List) DisclosureLog.entries(graphQl("prosecutor-demo"), filter);
    }

    private Map<String, Object> verification() {
        return graphQl("prosecutor-demo").documentName("verifyDisclosureLog").executeSync()
                .field("verifyDisclosureLog").toEntity(Map.class);
    }
}
