package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyedReadTests {

    private static final KeyedRead<String> STATES = new KeyedRead<>("""
            UNWIND $ids AS id
            MATCH (p:Person {id: id})-[:WAS]->(s:PersonState)
            RETURN s.id AS id, coalesce(s.restrictions, []) AS restrictions,
                   [(s)-[:IN_REGION]->(r:Region) | r.code][0]
                AS region
            ORDER BY s.from DESC
            """, row -> row.get("id").asString());

    @Test
    @DisplayName("the columns are the names the RETURN gives, commas inside calls, lists and maps aside")
    void columns() {
        assertThat(KeyedRead.columns(STATES.cypher())).containsExactly("id", "restrictions", "region");
    }

    @Test
    @DisplayName("inlined, the read unwinds the enclosing statement's keys and collects its rows in its own order")
    void inline() {
        assertThat(STATES.inline("__ids", "__ids", "__states")).isEqualTo("""
                CALL (__ids) {
                UNWIND __ids AS id
                MATCH (p:Person {id: id})-[:WAS]->(s:PersonState)
                WITH s.id AS id, coalesce(s.restrictions, []) AS restrictions,
                       [(s)-[:IN_REGION]->(r:Region) | r.code][0]
                    AS region
                ORDER BY s.from DESC

                RETURN collect({`id`: `id`, `restrictions`: `restrictions`, `region`: `region`}) AS __states
                }
                """);
    }

    @Test
    @DisplayName("a read that does not start from its keys, or leaves a column unnamed, is refused where it is declared")
    void refused() {
        assertThatThrownBy(() -> new KeyedRead<>("MATCH (p:Person) RETURN p.id AS id", r -> r))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedRead<>("UNWIND $codes AS code MATCH (p:Party {code: code}) RETURN code, p.name AS name",
                r -> r)).isInstanceOf(IllegalArgumentException.class);
    }
}
