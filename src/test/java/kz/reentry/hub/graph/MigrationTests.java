package kz.reentry.hub.graph;

import java.util.List;

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

    @Test
    @DisplayName("consecutive schema commands share a transaction, and so do consecutive data statements, never the two kinds")
    void transactions() {
        var migration = Migration.of("V0009__Mixed.cypher", """
                CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;
                create index b if not exists for (n:B) on (n.x);
                CREATE FULLTEXT INDEX c IF NOT EXISTS FOR (n:C) ON EACH [n.name];
                MATCH (n:A) SET n.y = 1;
                CREATE (:Note {text: 'an index of notes'});
                DROP INDEX old_one IF EXISTS;
                """);

        assertThat(migration.transactions()).containsExactly(
                List.of("CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE",
                        "create index b if not exists for (n:B) on (n.x)",
                        "CREATE FULLTEXT INDEX c IF NOT EXISTS FOR (n:C) ON EACH [n.name]"),
                List.of("MATCH (n:A) SET n.y = 1", "CREATE (:Note {text: 'an index of notes'})"),
                List.of("DROP INDEX old_one IF EXISTS"));
    }
}
