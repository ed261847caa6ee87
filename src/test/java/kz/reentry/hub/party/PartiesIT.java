package kz.reentry.hub.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartiesIT extends HubIntegrationTest {

    @Test
    @DisplayName("a district akimat is part of the city akimat and serves its district of the city")
    void districtAkimat() {
        var reply = graphQl("ngo-demo").documentName("party").variable("code", "KZ-MIO-75-ALM").executeSync();

        assertThat((Object) reply.field("party.kind").getValue()).isEqualTo("LOCAL_EXECUTIVE");
        assertThat((Object) reply.field("party.partOf.code").getValue()).isEqualTo("KZ-MIO-75");
        assertThat((Object) reply.field("party.serves[0].__typename").getValue()).isEqualTo("District");
        assertThat((Object) reply.field("party.serves[0].region.code").getValue()).isEqualTo("KZ-75");
    }

    @Test
    @DisplayName("an NGO shows its capacity, the regions it serves and its memorandum with the akimat")
    void ngo() {
        var reply = graphQl("kuis-demo").documentName("party").variable("code", "NGO-KZ-75-0001").executeSync();

        assertThat((Object) reply.field("party.kind").getValue()).isEqualTo("NGO");
        assertThat((Object) reply.field("party.capacity").getValue()).isEqualTo(40);
        assertThat(reply.field("party.regionsServed").toEntityList(Map.class))
                .extracting(m -> m.get("code")).containsExactlyInAnyOrder("KZ-75", "KZ-19");
        assertThat((Object) reply.field("party.agreements[0].kind").getValue()).isEqualTo("MEMORANDUM");
        assertThat((Object) reply.field("party.agreements[0].counterparts[0].code").getValue()).isEqualTo("KZ-MIO-75");
    }

    /** The 17 oblasts and 3 cities of Kazakhstan (ISO 3166-2:KZ since 2022), written out here, not read from the hub. */
    private static final List<String> KAZAKH_REGIONS = List.of("KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27",
            "KZ-31", "KZ-33", "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
            "KZ-75", "KZ-79");

    @Test
    @DisplayName("every Kazakh region has its akimat, police, probation, penal department, employment centre, health body and prosecutor")
    void regionalBodies() {
        List<String> missing = new java.util.ArrayList<>();
        for (String region : KAZAKH_REGIONS) {
            for (String kind : List.of("LOCAL_EXECUTIVE", "POLICE", "PROBATION", "PENAL_SYSTEM", "EMPLOYMENT_CENTRE",
                    "HEALTH", "PROSECUTOR")) {
                var reply = graphQl("kuis-demo").documentName("parties").variable("kind", kind).variable("region", region)
                        .variable("first", 50).executeSync();
                assertThat(reply.getErrors()).as("%s in %s", kind, region).isEmpty();
                if (reply.field("parties.edges").toEntityList(Map.class).isEmpty()) {
                    missing.add(kind + " in " + region);
                }
            }
        }
        assertThat(missing).as("regional bodies the hub does not know").isEmpty();
    }

    @Test
    @DisplayName("parties page by code without repeating or skipping one")
    void paging() {
        var all = graphQl("kuis-demo").documentName("parties").variable("kind", "EMPLOYMENT_CENTRE").variable("first", 500)
                .executeSync().field("parties.edges").toEntityList(Map.class);
        var firstPage = graphQl("kuis-demo").documentName("parties").variable("kind", "EMPLOYMENT_CENTRE")
                .variable("first", 7).executeSync();
        String cursor = firstPage.field("parties.pageInfo.endCursor").getValue();
        var rest = graphQl("kuis-demo").documentName("parties").variable("kind", "EMPLOYMENT_CENTRE")
                .variable("first", 500).variable("after", cursor).executeSync().field("parties.edges").toEntityList(Map.class);

        assertThat(all).hasSize(20);
        assertThat(firstPage.field("parties.edges").toEntityList(Map.class).size() + rest.size()).isEqualTo(20);
    }

    @Test
    @DisplayName("an institution is a party run by its region's penal department")
    void institution() {
        filed(kz.reentry.hub.support.ReleaseRecords.validRelease(java.time.LocalDate.of(2034, 1, 1))
                .set("institution.code", "EC-166-11").set("institution.type", "CORRECTIONAL_INSTITUTION")
                .set("institution.securityLevel", "MEDIUM").set("institution.region", "KZ-55"));

        var reply = graphQl("kuis-demo").documentName("party").variable("code", "EC-166-11").executeSync();

        assertThat((Object) reply.field("party.kind").getValue()).isEqualTo("PENAL_INSTITUTION");
        assertThat((Object) reply.field("party.operatedBy.code").getValue()).isEqualTo("KZ-DUIS-55");
        assertThat((Object) reply.field("party.securityLevel").getValue()).isEqualTo("MEDIUM");
    }
}
