package kz.reentry.hub.benchmark;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read operations measured, each written for the hub's schema and for the alternative's, with
 * the demo client whose token the hub is asked with and the persons a request picks from.
 */
record QueryMix(String name, String client, Persons persons, String hub, String alternative) {

    /** Which person ids wrk puts into a request: none, any person of the read set, or those of Almaty (KZ-75). */
    enum Persons { NONE, ALL, ALMATY }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CASE_VIEW_HUB = """
            query ($id: ID!) { personById(id: $id) { id iin surname givenName patronymic birthDate
              custodyEpisodes { article termStart termEnd institution { code name }
                plannedRelease { date type residenceRegion { code } } }
              states { kind from to } obligations { kind dueOn status }
              programmes { status measures { domain status deadline responsible { code } } }
              referrals { kind status to { code } } } }""";
    private static final String CASE_VIEW_ALTERNATIVE = """
            query ($id: ID!) { people(where: { id: { eq: $id } }) { id iin surname givenName patronymic birthDate
              custodyEpisodes { article termStart termEnd institution { code name }
                plannedRelease { date type residenceRegion { code } } }
              states { kind from to } obligations { kind dueOn status }
              programmes { status measures { domain status deadline responsible { code } } }
              referrals { kind status to { code } } } }""";

    static final List<QueryMix> QUERIES = List.of(
            new QueryMix("person case view", "kuis-demo", Persons.ALL, CASE_VIEW_HUB, CASE_VIEW_ALTERNATIVE),
            new QueryMix("upcoming releases page", "kuis-demo", Persons.NONE, """
                    { upcomingReleases(from: "2027-01-01", to: "2027-06-30", region: "KZ-75", first: 50) {
                        edges { node { date type
                          person { iin surname givenName
                            programmes { status measures { domain status deadline responsible { code } } }
                            referrals { kind status to { code } } }
                          custodyEpisode { institution { code name } } } } } }""", """
                    { plannedReleases(where: { date: { gte: "2027-01-01", lte: "2027-06-30" },
                                               residenceRegion: { some: { code: { eq: "KZ-75" } } } },
                                      sort: [{ date: ASC }, { id: ASC }], limit: 50) {
                        date type
                        custodyEpisode { person { iin surname givenName
                            programmes { status measures { domain status deadline responsible { code } } }
                            referrals { kind status to { code } } }
                          institution { code name } } } }"""),
            new QueryMix("an NGO's assigned cases", "ngo-demo", Persons.NONE, """
                    { myAssignedCases(first: 50) { edges { node { id kind status reason
                        person { iin surname givenName } } } } }""", """
                    { referrals(where: { kind: { eq: "NGO_CASE" }, change: { gt: 0 },
                                         ngo: { some: { code: { eq: "NGO-KZ-75-0001" } } } },
                                sort: [{ change: ASC }], limit: 50) {
                        id kind status reason assignedPerson { iin surname givenName } } }"""),
            new QueryMix("indicator query", "kuis-demo", Persons.NONE, """
                    { indicators(from: "2025-01-01", to: "2026-11-24", region: "KZ-75") {
                        released withHousing employed treatmentHandedOver repeatOffences } }""", """
                    { indicators(from: "2025-01-01", to: "2026-11-24", region: "KZ-75") {
                        released withHousing employed treatmentHandedOver repeatOffences } }"""));

    /** The case view again, asked by a regional caller: the cost of the rows condition on every person read. */
    static final QueryMix CASE_VIEW_REGIONAL = new QueryMix("person case view, regional caller (probation-demo)",
            "probation-demo", Persons.ALMATY, CASE_VIEW_HUB, CASE_VIEW_ALTERNATIVE);

    /** The JSON body, with %s where wrk's script puts a person id. */
    String hubBody() {
        return body(hub);
    }

    String alternativeBody() {
        return body(alternative);
    }

    String hubBody(String personId) {
        return JSON.writeValueAsString(Map.of("query", hub, "variables", Map.of("id", personId)));
    }

    String alternativeBody(String personId) {
        return JSON.writeValueAsString(Map.of("query", alternative, "variables", Map.of("id", personId)));
    }

    private static String body(String query) {
        String json = JSON.writeValueAsString(Map.of("query", query, "variables", Map.of("id", "PERSON_ID")));
        return json.replace("%", "%%").replace("PERSON_ID", "%s");
    }

    /** Items of the answer's first list (its edges on the hub), 1 for a single object, so both schemas count alike. */
    static int rows(JsonNode data) {
        JsonNode top = data.path("data").properties().stream().findFirst().map(Map.Entry::getValue).orElse(null);
        if (top == null || top.isNull()) {
            return 0;
        }
        if (top.isArray()) {
            return top.size();
        }
        return top.has("edges") ? top.get("edges").size() : 1;
    }

    /** Non-null scalar values anywhere in the answer: the same data, whatever the nesting. */
    static int values(JsonNode node) {
        if (node.isObject() || node.isArray()) {
            int count = 0;
            for (JsonNode child : node.isObject() ? node.values() : node) {
                count += values(child);
            }
            return count;
        }
        return node.isNull() ? 0 : 1;
    }
}
