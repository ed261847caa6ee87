package kz.reentry.hub.benchmark;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The read operations measured, each written for the hub's schema and for the alternative's. */
record QueryMix(String name, String hub, String alternative) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<QueryMix> QUERIES = List.of(
            new QueryMix("person case view", """
                    query ($id: ID!) { personById(id: $id) { id iin surname givenName patronymic birthDate
                      custodyEpisodes { article termStart termEnd institution { code name }
                        plannedRelease { date type residenceRegion { code } } }
                      states { kind from to } obligations { kind dueOn status } } }""", """
                    query ($id: ID!) { people(where: { id: { eq: $id } }) { id iin surname givenName patronymic birthDate
                      custodyEpisodes { article termStart termEnd institution { code name }
                        plannedRelease { date type residenceRegion { code } } }
                      states { kind from to } obligations { kind dueOn status } } }"""),
            new QueryMix("upcoming releases page", """
                    { upcomingReleases(from: "2027-01-01", to: "2027-06-30", region: "KZ-75", first: 50) {
                        edges { node { date type person { iin surname givenName }
                                       custodyEpisode { institution { code name } } } } } }""", """
                    { plannedReleases(where: { date: { gte: "2027-01-01", lte: "2027-06-30" },
                                               residenceRegion: { some: { code: { eq: "KZ-75" } } } },
                                      sort: [{ date: ASC }], limit: 50) {
                        date type custodyEpisode { person { iin surname givenName } institution { code name } } } }"""));

    /** The JSON body, with %s where wrk's script puts a person id. */
    String hubBody() {
        return body(hub);
    }

    String alternativeBody() {
        return body(alternative);
    }

    private static String body(String query) {
        String json = JSON.writeValueAsString(Map.of("query", query, "variables", Map.of("id", "PERSON_ID")));
        return json.replace("%", "%%").replace("PERSON_ID", "%s");
    }
}
