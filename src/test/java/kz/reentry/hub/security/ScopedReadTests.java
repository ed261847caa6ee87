package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScopedReadTests {

    @Test
    @DisplayName("a read that does not say which persons it filters is refused when it is declared")
    void unscopedTemplateRefused() {
        assertThatThrownBy(() -> ScopedRead.of("MATCH (p:Person) RETURN p.id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{rows of <variable>}");
    }

    @Test
    @DisplayName("every {rows of x} becomes the caller's condition on x, with the scope's parameters")
    void conditionOnEachVariable() {
        var read = ScopedRead.of("MATCH (a:Person), (b:Person) WHERE {rows of a} AND {rows of b} RETURN a, b");
        var ngo = new PersonScope(PersonRows.ASSIGNED_TO_IT, "NGO-KZ-75-0001", "KZ-75", "KZ", true);

        String cypher = read.cypher(ngo);

        assertThat(cypher).doesNotContain("{rows of").contains("(a)-[:REFERRED]->").contains("(b)-[:REFERRED]->");
        assertThat(read.parameters(ngo, Map.of("x", 1))).containsEntry("x", 1).containsEntry("scopeAgency", "NGO-KZ-75-0001");
        assertThat(read.cypher(PersonScope.NOBODY)).contains("WHERE false AND false");
    }
}
