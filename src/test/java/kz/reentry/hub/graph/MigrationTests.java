package kz.reentry.hub.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MigrationTests {

    @Test
    @DisplayName("a versioned script is split into its statements, comments left out, semicolons inside strings kept")
    void statements() {
        var migration = Migration.of("V0003__Two_statements.cypher", """
                // a comment; with a semicolon
                CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;
                MERGE (n:Note {text: 'one; two'})
                SET n.x = 1;
                """);

        assertThat(migration.version()).isEqualTo("0003");
        assertThat(migration.description()).isEqualTo("Two statements");
        assertThat(migration.repeatable()).isFalse();
        assertThat(migration.statements()).containsExactly(
                "CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE",
                "MERGE (n:Note {text: 'one; two'})\nSET n.x = 1");
    }

    @Test
    @DisplayName("a repeatable script has no version, and its checksum changes with its content")
    void repeatable() {
        var first = Migration.of("R__Reference_data.cypher", "MERGE (:A {id: 1});");
        var changed = Migration.of("R__Reference_data.cypher", "MERGE (:A {id: 2});");

        assertThat(first.repeatable()).isTrue();
        assertThat(first.checksum()).isNotEqualTo(changed.checksum());
    }

    @Test
    @DisplayName("a file that is not named like a migration stops the start instead of being skipped")
    void badName() {
        assertThatThrownBy(() -> Migration.of("create-person-key.cypher", "")).isInstanceOf(IllegalStateException.class);
    }
}
