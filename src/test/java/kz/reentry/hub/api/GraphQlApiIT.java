package kz.reentry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;

class GraphQlApiIT extends HubIntegrationTest {

    @Test
    @DisplayName("upcomingReleases pages through a window in date order by cursor, without repeating or skipping a release")
    void upcomingReleasesPaging() {
        List<String> iins = new ArrayList<>();
        for (LocalDate date : List.of(LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 2),
                LocalDate.of(2031, 3, 2), LocalDate.of(2031, 3, 5))) {
            var record = ReleaseRecords.validRelease(date);
            postRelease(record.json());
            iins.add(record.iin());
        }

        List<Map> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNext = true;
        while (hasNext) {
            var page = upcoming("2031-03-01", "2031-03-04", null, 2, after);
            assertThat(page.getErrors()).isEmpty();
            seen.addAll(page.field("upcomingReleases.edges").toEntityList(Map.class));
            hasNext = page.field("upcomingReleases.pageInfo.hasNextPage").getValue();
            after = page.field("upcomingReleases.pageInfo.endCursor").getValue();
            pages++;
        }

        assertThat(pages).isEqualTo(2);
        List<String> dates = seen.stream().map(edge -> (String) node(edge).get("date")).toList();
        assertThat(dates).containsExactly("2031-03-01", "2031-03-02", "2031-03-02", "2031-03-03");
        assertThat(seen.stream().map(edge -> (String) ((Map<?, ?>) node(edge).get("person")).get("iin")))
                .containsExactlyInAnyOrderElementsOf(iins.subList(0, 4));
    }

    @Test
    @DisplayName("a cursor taken in one window and sent with a later one never brings back a release before the later window's start")
    void upcomingReleasesCursorStaysInItsWindow() {
        for (LocalDate date : List.of(LocalDate.of(2033, 2, 1), LocalDate.of(2033, 2, 2), LocalDate.of(2033, 2, 10))) {
            postRelease(ReleaseRecords.validRelease(date).json());
        }
        String early = upcoming("2033-02-01", "2033-02-28", null, 1, null)
                .field("upcomingReleases.pageInfo.endCursor").getValue();

        var page = upcoming("2033-02-05", "2033-02-28", null, 10, early);

        assertThat(page.getErrors()).isEmpty();
        assertThat(page.field("upcomingReleases.edges").toEntityList(Map.class))
                .extracting(edge -> (String) node(edge).get("date")).isNotEmpty().allMatch(date -> date.compareTo("2033-02-05") >= 0);
    }

    @Test
    @DisplayName("upcomingReleases filtered by region returns only releases into that region")
    void upcomingReleasesByRegion() {
        var intoAstana = ReleaseRecords.validRelease(LocalDate.of(2032, 8, 8)).set("release.residenceRegion", "KZ-71");
        var intoAlmaty = ReleaseRecords.validRelease(LocalDate.of(2032, 8, 8));
        postRelease(intoAstana.json());
        postRelease(intoAlmaty.json());

        var page = upcoming("2032-08-01", "2032-08-31", "KZ-71", 10, null);

        List<Map> edges = page.field("upcomingReleases.edges").toEntityList(Map.class);
        assertThat(edges).hasSize(1);
        assertThat(((Map<?, ?>) node(edges.getFirst()).get("person")).get("iin")).isEqualTo(intoAstana.iin());
    }

    @Test
    @DisplayName("wrong arguments come back as BAD_REQUEST naming the argument and the rule")
    void argumentErrors() {
        assertBadRequest(upcoming("2031-03-04", "2031-03-01", null, 2, null), "to", "dates.order");
        assertBadRequest(upcoming("2031-03-01", "2031-03-04", "KZ-00", 2, null), "region", "region.unknown");
        assertBadRequest(upcoming("2031-03-01", "2031-03-04", null, 0, null), "first", "range");
        assertBadRequest(upcoming("2031-03-01", "2031-03-04", null, 2, "bm90LWEtY3Vyc29y"), "after", "cursor");
        assertBadRequest(graphQl("kuis-demo").documentName("personView").variable("iin", "900101300008").executeSync(),
                "iin", "iin.checksum");
    }

    @Test
    @DisplayName("a person the hub does not know is NOT_FOUND")
    void personNotFound() {
        var reply = graphQl("kuis-demo").documentName("personView").variable("iin", "900101300811").executeSync();

        assertThat(reply.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND");
            assertThat(error.getPath()).isEqualTo("person");
        });
    }

    @Test
    @DisplayName("_entities resolves persons, institutions and regions from their keys, in the order asked, null for unknown ones")
    void entities() {
        var record = ReleaseRecords.validRelease(LocalDate.of(2031, 9, 9));
        postRelease(record.json());

        var reply = graphQl("kuis-demo").documentName("entities").variable("representations", List.of(
                Map.of("__typename", "Region", "code", "KZ-75"),
                Map.of("__typename", "Person", "iin", record.iin()),
                Map.of("__typename", "Person", "iin", "900101300811"),
                Map.of("__typename", "Institution", "code", "UK-161-2"))).executeSync();

        assertThat(reply.getErrors()).isEmpty();
        assertThat((Object) reply.field("_entities[0].name").getValue()).isEqualTo("город Алматы");
        assertThat((Object) reply.field("_entities[1].surname").getValue()).isEqualTo("Жұмабекова");
        assertThat((Object) reply.field("_entities[2]").getValue()).isNull();
        assertThat((Object) reply.field("_entities[3].region.code").getValue()).isEqualTo("KZ-35");
    }

    private ClientGraphQlResponse upcoming(String from, String to, String region, int first, String after) {
        return graphQl("kuis-demo").documentName("upcomingReleases").variable("from", from).variable("to", to)
                .variable("region", region).variable("first", first).variable("after", after).executeSync();
    }

    private static Map<?, ?> node(Map<?, ?> edge) {
        return (Map<?, ?>) edge.get("node");
    }
}
