package kz.reentry.hub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestIins;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A person outside the caller's rows leaves no trace in what the caller gets back: not in the
 * scores and order of a name search, not in the work a lookup does, not in the shape of an answer.
 * Police of Almaty (REGION rows, KZ-75) is the restricted caller; persons the penal system
 * registers itself, or releases into Astana, are hidden from it.
 */
class HiddenPersonSideChannelsIT extends HubIntegrationTest {

    private static final String CONSONANTS = "бвгджзклмнпрстхш";
    private static final String VOWELS = "аеиоуыә";

    @Test
    @DisplayName("a caller's search scores, order and cursors for its own persons are the same whether or not a hidden person has the same name")
    void searchScoresIgnoreHiddenPersons() {
        String surname = uniqueSurname();
        List<String> own = policeNamesakes(surname);
        String query = Transliteration.latin(surname) + " Kairat";

        var before = searchEdges("police-demo", query);
        assertThat(before).extracting(e -> nodeId(e)).containsExactlyInAnyOrderElementsOf(own);

        String hidden = register("kuis-demo", surname, "Қайрат", null);
        register("kuis-demo", surname, "Қайрат", "Ерланұлы");
        var after = searchEdges("police-demo", query);

        assertThat(after).isEqualTo(before);
        assertThat(searchEdges("kuis-demo", query)).extracting(e -> nodeId(e)).contains(hidden, own.getFirst());
        // page by page too: the cursor of the first page leads to the same second page
        var firstPage = graphQl("police-demo").documentName("searchPersons").variable("name", query)
                .variable("first", 1).executeSync();
        String endCursor = firstPage.field("searchPersons.pageInfo.endCursor").getValue();
        assertThat(endCursor).isEqualTo(before.getFirst().get("cursor"));
        var secondPage = graphQl("police-demo").documentName("searchPersons").variable("name", query)
                .variable("first", 1).variable("after", endCursor).executeSync()
                .field("searchPersons.edges").toEntityList(Map.class);
        assertThat(secondPage).containsExactly(before.get(1));
    }

    @Test
    @DisplayName("the score of a match is computed from the query and the person's own names: 1 for the exact name, less for a typo or a name the query covers only in part")
    void scoresAreExplainable() {
        String surname = uniqueSurname();
        List<String> namesakes = policeNamesakes(surname);

        var edges = searchEdges("police-demo", surname + " Қайрат");
        var scores = edges.stream().map(e -> ((Number) e.get("score")).doubleValue()).toList();

        // the exact name, then the longer name, then the typo
        assertThat(edges).extracting(e -> nodeId(e)).containsExactly(namesakes.get(0), namesakes.get(2), namesakes.get(1));
        assertThat(scores.getFirst()).isEqualTo(1.0);
        assertThat(scores).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        // the same words typed in Latin, without Kazakh letters, score the same
        assertThat(searchEdges("police-demo", Transliteration.latin(surname) + " Kairat"))
                .extracting(e -> ((Number) e.get("score")).doubleValue()).isEqualTo(scores);
    }

    @Test
    @DisplayName("looking up a hidden person costs the same Cypher statements, and answers the same, as looking up nobody: by document, IIN, id and _entities")
    void lookupsDoTheSameWorkForHiddenAndAbsentPersons() {
        String passport = "HP" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        String absentPassport = "HQ" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        String registered = register("kuis-demo", uniqueSurname(), "Қайрат", null, passport);
        var astana = ReleaseRecords.validRelease(LocalDate.of(2046, 3, 1)).set("release.residenceRegion", "KZ-71");
        String released = filed(astana);
        String absentIin = TestIins.forBirthDate(LocalDate.of(1990, 5, 17));
        String absentId = UUID.randomUUID().toString();

        assertSameWorkAndAnswer("""
                query ($v: String!) { personByIdentifier(kind: PASSPORT, value: $v) { id iin surname } }""",
                passport, absentPassport);
        assertSameWorkAndAnswer("""
                query ($v: String!) { personByIdentifier(kind: KZ_IIN, value: $v) { id iin surname } }""",
                astana.iin(), absentIin);
        assertSameWorkAndAnswer("""
                query ($v: ID!) { person(iin: $v) { id iin surname } }""", astana.iin(), absentIin);
        assertSameWorkAndAnswer("""
                query ($v: ID!) { personById(id: $v) { id iin surname } }""", released, absentId);
        assertSameWorkAndAnswer("""
                query ($v: ID!) { personById(id: $v) { id iin surname } }""", registered, absentId);
        assertSameWorkAndAnswer("""
                query ($v: _Any!) { _entities(representations: [$v]) { ... on Person { id iin surname } } }""",
                Map.of("__typename", "Person", "id", released), Map.of("__typename", "Person", "id", absentId),
                released, absentId);
        assertSameWorkAndAnswer("""
                query ($v: _Any!) { _entities(representations: [$v]) { ... on Person { id iin surname } } }""",
                Map.of("__typename", "Person", "iin", astana.iin()), Map.of("__typename", "Person", "iin", absentIin),
                astana.iin(), absentIin);
    }

    @Test
    @DisplayName("a search of thousands of words, or of one endless word, is a BAD_REQUEST naming the argument and the rule, not an internal error")
    void oversizedSearch() {
        String manyWords = String.join(" ", java.util.Collections.nCopies(3000, "Сәрсенбаев"));
        String endlessWord = "Сәрсенбаев".repeat(100);

        assertBadRequest(graphQl("police-demo").documentName("searchPersons").variable("name", manyWords).executeSync(),
                "name", "name.length");
        assertBadRequest(graphQl("police-demo").documentName("searchPersons").variable("name", endlessWord).executeSync(),
                "name", "name.length");
        assertBadRequest(graphQl("police-demo").documentName("searchPersons")
                .variable("name", "Сәрсенбаев Қайрат Ерланұлы Әбу Бәкір Серік Нұрлан Асқар Ержан Дәурен Мұрат").executeSync(),
                "name", "name.words");
        assertThat(graphQl("police-demo").documentName("searchPersons")
                .variable("name", "Сәрсенбаев-Жұмабеков Қайрат Ерлан ұлы").executeSync().getErrors()).isEmpty();
        // the other lookups by a free-text key: a clear refusal, not a 100 kB echo in NOT_FOUND
        String huge = "X".repeat(100_000);
        assertBadRequest(graphQl("police-demo").documentName("personByIdentifier").variable("kind", "PASSPORT")
                .variable("value", huge).executeSync(), "value", "identifier.length");
        assertBadRequest(graphQl("police-demo").documentName("personCase").variable("id", huge).executeSync(),
                "id", "id.length");
        assertBadRequest(graphQl("police-demo").documentName("personView").variable("iin", huge).executeSync(),
                "iin", "iin.format");
    }

    private void assertSameWorkAndAnswer(String document, String hidden, String absent) {
        assertSameWorkAndAnswer(document, hidden, absent, hidden, absent);
    }

    /** Runs the document for the hidden and for the absent value, as police, and compares what it cost and said. */
    private void assertSameWorkAndAnswer(String document, Object hidden, Object absent, String hiddenText,
                                         String absentText) {
        post(document, absent);   // warms the once-per-client caches
        cypherQueries.reset();
        String forHidden = post(document, hidden);
        List<String> hiddenStatements = cypherQueries.texts();
        cypherQueries.reset();
        String forAbsent = post(document, absent);
        List<String> absentStatements = cypherQueries.texts();

        assertThat(hiddenStatements).as("Cypher statements of %s for a hidden person", document)
                .isEqualTo(absentStatements);
        assertThat(forHidden.replace(hiddenText, "<value>")).as("answer of %s", document)
                .isEqualTo(forAbsent.replace(absentText, "<value>"));
        assertThat(forHidden).doesNotContain("INTERNAL_ERROR");
    }

    private String post(String document, Object value) {
        return http.post().uri("/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("police-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", document, "variables", Map.of("v", value)))
                .retrieve().body(String.class);
    }

    private List<Map> searchEdges(String client, String name) {
        var reply = graphQl(client).documentName("searchPersons").variable("name", name).variable("first", 100)
                .executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("searchPersons.edges").toEntityList(Map.class);
    }

    private static String nodeId(Map<?, ?> edge) {
        return (String) ((Map<?, ?>) edge.get("node")).get("id");
    }

    /** Police registers three persons of the surname: Қайрат, Кайрак (a typo away), Қайрат Ерланұлы (longer). */
    private List<String> policeNamesakes(String surname) {
        return List.of(register("police-demo", surname, "Қайрат", null), register("police-demo", surname, "Кайрак", null),
                register("police-demo", surname, "Қайрат", "Ерланұлы"));
    }

    private String register(String client, String surname, String givenName, String patronymic) {
        return register(client, surname, givenName, patronymic,
                "SC" + (1000000 + ThreadLocalRandom.current().nextInt(8999999)));
    }

    private String register(String client, String surname, String givenName, String patronymic, String passport) {
        var input = new java.util.HashMap<String, Object>(Map.of("surname", surname, "givenName", givenName,
                "birthDate", "1988-03-04", "sex", "MALE", "citizenship", "KZ",
                "identity", Map.of("kind", "PASSPORT", "number", passport, "country", "KZ")));
        if (patronymic != null) {
            input.put("patronymic", patronymic);
        }
        var reply = graphQl(client).documentName("registerPerson").variable("input", input).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        return reply.field("registerPerson.id").getValue();
    }

    /** A surname no other test uses: five random syllables, so fuzzy matching meets nobody else. */
    private static String uniqueSurname() {
        var random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            name.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                    .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "ов";
    }
}
