package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GraphMigrationsIT extends HubIntegrationTest {

    @Test
    @DisplayName("at start-up the migrations create the keys and load the reference data of both jurisdictions")
    void appliedAtStartUp() {
        List<String> constraints = driver.executableQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
                .execute().records().getFirst().get("names").asList(v -> v.asString());
        assertThat(constraints).contains("person_iin", "custody_episode_id", "planned_release_id", "dead_letter_id");
        assertThat(count("MATCH (:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'}) RETURN count(*)", Map.of()))
                .isEqualTo(20);
        assertThat(count("MATCH (:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'BY'}) RETURN count(*)", Map.of()))
                .isEqualTo(7);
        assertThat(count("MATCH (:Agency {code: 'KZ-SP'})-[:PART_OF]->(:Agency {code: 'KZ-KUIS'}) RETURN count(*)", Map.of()))
                .isEqualTo(1);
        assertThat(count("MATCH (m:__Migration) RETURN count(m)", Map.of())).isGreaterThanOrEqualTo(4);
    }
}
