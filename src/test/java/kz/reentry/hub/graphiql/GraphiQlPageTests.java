package kz.reentry.hub.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The page, the list of files the hub lets through for it, and the jars that hold them agree (a version bump in one place only fails here). */
class GraphiQlPageTests {

    @Test
    @DisplayName("the page loads exactly the files GraphiQlPage lists, each of which is on the class path")
    void pageLoadsTheListedFiles() throws Exception {
        String page = new ClassPathResource("static/graphiql/index.html").getContentAsString(StandardCharsets.UTF_8);
        var loaded = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page).results().map(m -> m.group(1)).toList();

        assertThat(loaded).containsExactlyInAnyOrderElementsOf(GraphiQlPage.ASSETS);
        for (String asset : GraphiQlPage.ASSETS) {
            String location = asset.startsWith("/webjars/") ? "META-INF/resources" + asset : "static" + asset;
            assertThat(new ClassPathResource(location).exists()).as(location).isTrue();
        }
    }
}
