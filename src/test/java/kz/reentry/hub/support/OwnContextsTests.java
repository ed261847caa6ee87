package kz.reentry.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A test class that changes the hub's properties gets an application context of its own, alive beside
 * the suite's shared one in the same JVM; Camel keeps its HTTP servlets in a JVM-wide registry by name,
 * so such a context must name its servlet, or it fails to start in the suite while passing alone.
 */
class OwnContextsTests {

    @Test
    @DisplayName("every test class with its own hub properties names its own Camel servlet")
    void everyOwnContextNamesItsServlet() throws IOException {
        List<Path> missing;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            missing = files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                String text = read(file);
                return text.contains("@TestPropertySource(") && !text.contains("hub.intake.servlet-name=");
            }).toList();
        }
        assertThat(missing).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
