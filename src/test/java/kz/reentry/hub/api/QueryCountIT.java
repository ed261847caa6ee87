package kz.reentry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The N+1 check: the Cypher a GraphQL operation sends does not grow with the number of items it returns. */
class QueryCountIT extends HubIntegrationTest {

    private static final String PAGE = """
            query ($first: Int) {
              upcomingReleases(from: "2043-01-01", to: "2043-12-31", first: $first) {
                edges { node {
                  date
                  residenceRegion { code }
                  custodyEpisode { institution { code region { code } } }
                  person {
                    surname
                    institution { code name }
                    programmes { status measures { domain responsible { code } } progress { total } }
                    referrals { kind status to { code } }
                    obligations { kind dueOn owedBy { code } }
                    states { kind from }
                  }
                } }
              }
            }
            """;

    @Test
    @DisplayName("500 persons with their institution, programme and referrals cost the same number of queries as 10")
    void queriesDoNotGrowWithItems() {
        for (int i = 0; i < 500; i++) {
            String person = filed(ReleaseRecords.validRelease(LocalDate.of(2043, 1, 1).plusDays(i % 300)));
            if (i % 5 == 0) {
                graphQl("akimat-demo").document("""
                        mutation ($p: ID!) { createProgramme(input: {personId: $p, measures: [
                          {domain: HOUSING, description: "Жильё", responsible: "KZ-MIO-75", deadline: "2043-12-31"}]}) { id } }
                        """).variable("p", person).executeSync();
                graphQl("akimat-demo").document("""
                        mutation ($p: ID!) { openReferral(input: {personId: $p, kind: EMPLOYMENT, to: "KZ-CZN-75",
                          reason: "Трудоустройство"}) { id } }
                        """).variable("p", person).executeSync();
            }
        }

        queriesFor(1);   // warms the once-per-client caches (the party kind of the caller's agency)
        int forTen = queriesFor(10);
        int forFiveHundred = queriesFor(500);

        assertThat(forTen).isPositive();
        assertThat(forFiveHundred).isEqualTo(forTen);
    }

    /** The benchmark's case view (benchmarks/run; docs/benchmarks.md): 10 statements before PersonCaseRead. */
    private static final String CASE_VIEW = """
            query ($id: ID!) { personById(id: $id) { id iin surname givenName patronymic birthDate
              custodyEpisodes { article termStart termEnd institution { code name }
                plannedRelease { date type residenceRegion { code } } }
              states { kind from to region { code } } obligations { kind dueOn status owedBy { code } region { code } }
              programmes { status measures { domain status deadline responsible { code } } }
              referrals { kind status from { code } to { code } } } }""";

    @Test
    @DisplayName("a person's case view costs one statement; a field that is not folded into it, one more of its own")
    void caseViewIsOneStatement() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2044, 3, 1)));
        graphQl("akimat-demo").document("""
                mutation ($p: ID!) { createProgramme(input: {personId: $p, measures: [
                  {domain: HOUSING, description: "Жильё", responsible: "KZ-MIO-75", deadline: "2044-12-31"}]}) { id } }
                """).variable("p", person).executeSync();
        graphQl("akimat-demo").document("""
                mutation ($p: ID!) { openReferral(input: {personId: $p, kind: EMPLOYMENT, to: "KZ-CZN-75",
                  reason: "Трудоустройство"}) { id } }
                """).variable("p", person).executeSync();
        graphQl("kuis-demo").document(CASE_VIEW).variable("id", person).executeSync();   // the caller's party, cached

        cypherQueries.reset();
        var reply = graphQl("kuis-demo").document(CASE_VIEW).variable("id", person).executeSync();
        assertThat(reply.getErrors()).isEmpty();
        assertThat(reply.field("personById.programmes").toEntityList(Map.class)).hasSize(1);
        assertThat(cypherQueries.texts()).hasSize(1);

        cypherQueries.reset();
        graphQl("kuis-demo").document("query ($id: ID!) { personById(id: $id) { surname assessments { id } } }")
                .variable("id", person).executeSync();
        assertThat(cypherQueries.count()).isEqualTo(2);
    }

    private int queriesFor(int first) {
        cypherQueries.reset();
        var reply = graphQl("kuis-demo").document(PAGE).variable("first", first).executeSync();
        int queries = cypherQueries.count();
        assertThat(reply.getErrors()).isEmpty();
        assertThat(reply.field("upcomingReleases.edges").toEntityList(Map.class)).hasSize(first);
        return queries;
    }
}
