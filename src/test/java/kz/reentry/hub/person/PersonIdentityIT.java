package kz.reentry.hub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersonIdentityIT extends HubIntegrationTest {

    @Test
    @DisplayName("a person is found by IIN, by a Belarus personal number and by a passport once they are recorded")
    void anyIdentifier() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2034, 2, 1));
        String id = filed(record);

        var byPersonalNumber = addIdentity(id, "BY_PERSONAL_NUMBER", "3010185A001PB1", null, "BY");
        var byPassport = addIdentity(id, "PASSPORT", "1234567", "MP", "BY");

        assertThat(byPersonalNumber.getErrors()).isEmpty();
        assertThat(byPassport.getErrors()).isEmpty();
        for (var identifier : List.of(List.of("KZ_IIN", record.iin()), List.of("BY_PERSONAL_NUMBER", "3010185a001pb1"),
                List.of("PASSPORT", "MP 1234567"))) {
            var found = graphQl("police-demo").documentName("personByIdentifier")
                    .variable("kind", identifier.get(0)).variable("value", identifier.get(1)).executeSync();
            assertThat((Object) found.field("personByIdentifier.id").getValue()).as(identifier.toString()).isEqualTo(id);
        }
    }

    @Test
    @DisplayName("an identifier of the wrong shape, of an unknown country, or already held by another person is refused naming the field")
    void identityRules() {
        String first = filed(ReleaseRecords.validRelease(LocalDate.of(2034, 2, 2)));
        String second = filed(ReleaseRecords.validRelease(LocalDate.of(2034, 2, 3)));
        addIdentity(first, "PASSPORT", "N7654321", null, "KZ");

        assertBadRequest(addIdentity(second, "BY_PERSONAL_NUMBER", "12345", null, "BY"), "input.number", "byPersonalNumber.format");
        assertBadRequest(addIdentity(second, "PASSPORT", "N7654321", null, "XX"), "input.country", "country.code");
        assertBadRequest(addIdentity(second, "PASSPORT", "N7654321", null, "KZ"), "input.number", "identity.taken");
        assertErrorType(addIdentity("no-such-person", "PASSPORT", "N1111111", null, "KZ"), "NOT_FOUND");
    }

    @Test
    @DisplayName("name search finds a person whether the name is typed with Kazakh letters, without them, in Latin letters, or with a typo")
    void searchAcrossScripts() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2034, 2, 4))
                .set("person.surname", "Өтегенқызы").set("person.givenName", "Жұлдызай");
        String id = filed(record);

        for (String query : List.of("Өтегенқызы Жұлдызай", "Отегенкызы Жулдызай", "Otegenkyzy Zhuldyzai",
                "Otegenkizy Zhuldizai", "отегенкызы")) {
            assertThat(searchIds(query)).as(query).contains(id);
        }
        assertThat(searchIds("Отегенкызы Айгерим")).doesNotContain(id);
    }

    @Test
    @DisplayName("a spelling recorded from another agency's system is found by search and listed on the person")
    void nameVariants() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2034, 2, 5)).set("person.surname", "Исмаилов"));
        var added = graphQl("police-demo").documentName("addNameVariant").variable("input", Map.of(
                "personId", id, "surname", "Ismayilov", "givenName", "Rustam", "source", "МВД: ИС «Беркут»")).executeSync();

        assertThat((Object) added.field("addNameVariant.nameVariants[0].surname").getValue()).isEqualTo("Ismayilov");
        assertThat(searchIds("Ismayilov Rustam")).contains(id);
        assertBadRequest(graphQl("police-demo").documentName("addNameVariant").variable("input", Map.of(
                "personId", id, "surname", " ", "source", "МВД")).executeSync(), "input.surname", "required");
    }

    @Test
    @DisplayName("the Latin name is the passport-style transliteration of the Cyrillic")
    void latinName() {
        String id = filed(ReleaseRecords.validRelease(LocalDate.of(2034, 2, 6)));

        var reply = graphQl("kuis-demo").documentName("personCase").variable("id", id).executeSync();

        assertThat((Object) reply.field("personById.latinName.surname").getValue()).isEqualTo("Zhumabekova");
        assertThat((Object) reply.field("personById.latinName.givenName").getValue()).isEqualTo("Aigerim");
        assertThat((Object) reply.field("personById.latinName.patronymic").getValue()).isEqualTo("Serikkyzy");
    }

    @Test
    @DisplayName("a Belarus citizen without an IIN is registered with a personal number and found by it and by name")
    void registerBelarusCitizen() {
        String number = "4" + (System.nanoTime() % 900000 + 100000) + "B001PB2";
        Map<String, Object> input = Map.of("surname", "Ковальчук", "givenName", "Андрей", "patronymic", "Иванович",
                "birthDate", "1985-04-12", "sex", "MALE", "citizenship", "BY",
                "identity", Map.of("kind", "BY_PERSONAL_NUMBER", "number", number, "country", "BY"));

        var registered = graphQl("police-demo").documentName("registerPerson").variable("input", input).executeSync();

        assertThat(registered.getErrors()).isEmpty();
        String id = registered.field("registerPerson.id").getValue();
        assertThat((Object) registered.field("registerPerson.iin").getValue()).isNull();
        assertThat((Object) registered.field("registerPerson.latinName.surname").getValue()).isEqualTo("Koval'chuk".replace("'", ""));
        assertThat(registered.field("registerPerson.custodyEpisodes").toEntityList(Map.class)).isEmpty();
        var found = graphQl("police-demo").documentName("personByIdentifier").variable("kind", "BY_PERSONAL_NUMBER")
                .variable("value", number).executeSync();
        assertThat((Object) found.field("personByIdentifier.id").getValue()).isEqualTo(id);
        assertThat(searchIds("Kovalchuk Andrei")).contains(id);
        assertBadRequest(graphQl("police-demo").documentName("registerPerson").variable("input", input).executeSync(),
                "input.identity.number", "identity.taken");
    }

    @Test
    @DisplayName("a registration that breaks a rule is refused naming the field")
    void registrationRules() {
        Map<String, Object> identity = Map.of("kind", "PASSPORT", "number", "AB" + (System.nanoTime() % 1000000), "country", "BY");
        Map<String, Object> valid = Map.of("surname", "Ковальчук", "givenName", "Ольга", "birthDate", "1990-01-01",
                "sex", "FEMALE", "citizenship", "BY", "identity", identity);

        assertBadRequest(register(with(valid, "surname", " ")), "input.surname", "required");
        assertBadRequest(register(with(valid, "birthDate", LocalDate.now().plusDays(1).toString())), "input.birthDate", "date.future");
        assertBadRequest(register(with(valid, "citizenship", "Belarus")), "input.citizenship", "country.code");
        assertBadRequest(register(with(valid, "identity", Map.of("kind", "KZ_IIN", "number", "050607600008", "country", "KZ"))),
                "input.birthDate", "iin.birthDate");
        assertErrorType(graphQl("labour-demo").documentName("registerPerson").variable("input", valid).executeSync(), "FORBIDDEN");
    }

    private org.springframework.graphql.client.ClientGraphQlResponse register(Map<String, Object> input) {
        return graphQl("police-demo").documentName("registerPerson").variable("input", input).executeSync();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    @DisplayName("a search without letters is a BAD_REQUEST on name")
    void emptySearch() {
        assertBadRequest(graphQl("kuis-demo").documentName("searchPersons").variable("name", " -- ").executeSync(),
                "name", "required");
    }

    private List<String> searchIds(String name) {
        var edges = graphQl("kuis-demo").documentName("searchPersons").variable("name", name).variable("first", 100)
                .executeSync().field("searchPersons.edges").toEntityList(Map.class);
        return edges.stream().map(e -> (String) ((Map<?, ?>) e.get("node")).get("id")).toList();
    }

    private org.springframework.graphql.client.ClientGraphQlResponse addIdentity(String personId, String kind,
                                                                                 String number, String series,
                                                                                 String country) {
        var input = new java.util.HashMap<String, Object>(Map.of("personId", personId, "kind", kind, "number", number,
                "country", country));
        if (series != null) {
            input.put("series", series);
        }
        return graphQl("police-demo").documentName("addIdentity").variable("input", input).executeSync();
    }
}
