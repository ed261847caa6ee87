package kz.reentry.hub.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import kz.reentry.hub.support.HeadlessChromium;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * GraphiQL in a real browser whose network ends at the hub: the page, React, GraphiQL and its styles
 * all come from the hub, and a query typed there with a token typed into its headers gets the hub's
 * answer. Spring for GraphQL's own page (all from a CDN) stays blank here.
 */
class GraphiQlOfflineIT extends HubIntegrationTest {

    private static final String QUERY = "{ parties(first: 1) { edges { node { code } } } }";

    /** The CodeMirror editor whose text contains the marker, by its own API (GraphiQL 2 is built on CodeMirror 5). */
    private static final String EDITOR = """
            const editors = Array.from(document.querySelectorAll('.CodeMirror')).map(e => e.CodeMirror);
            const editor = editors.find(cm => cm.getValue().includes(arguments[0]));
            """;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.localhostOnly();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("with no network beyond the hub, GraphiQL loads everything from the hub, shows the README's headers and runs a query with the token typed into them")
    void runsAQueryWithNoNetworkBeyondTheHub() throws Exception {
        String origin = "http://localhost:" + port;
        String token = tokenFor("kuis-demo");
        String expectedCode = graphQl("kuis-demo").document(QUERY).executeSync()
                .field("parties.edges[0].node.code").toEntity(String.class);

        browser.get(origin + "/graphiql");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage("GraphiQL to render from the hub's files alone")
                .until(b -> !b.findElements(By.cssSelector(".graphiql-container .graphiql-execute-button")).isEmpty());

        // the README's headers, ready to be completed
        String headers = (String) browser.executeScript(EDITOR + "return editor ? editor.getValue() : null;", "X-End-User");
        assertThat(JSON.readTree(headers)).isEqualTo(JSON.readTree("""
                {"Authorization": "Bearer <token>", "X-End-User": "officer-0042", "X-Purpose": "case-2026-0001"}"""));

        // the token typed in place of the placeholder, as a person would
        browser.executeScript(EDITOR + """
                const at = editor.getValue().indexOf('<token>');
                editor.focus();
                editor.setSelection(editor.posFromIndex(at), editor.posFromIndex(at + '<token>'.length));
                """, "X-End-User");
        new Actions(browser).sendKeys(token).perform();
        assertThat((String) browser.executeScript(EDITOR + "return editor.getValue();", "X-End-User"))
                .contains("\"Bearer " + token + "\"");

        browser.executeScript(EDITOR + "editor.setValue(arguments[1]);", "parties", QUERY);
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
        String shown = wait.until(b -> (String) browser.executeScript("""
                const pane = document.querySelector('.graphiql-response .CodeMirror');
                const text = pane ? pane.CodeMirror.getValue() : '';
                return text.includes('"data"') || text.includes('"errors"') ? text : null;
                """));

        JsonNode result = JSON.readTree(shown);
        assertThat(result.path("errors").isMissingNode()).as(shown).isTrue();
        assertThat(result.at("/data/parties/edges/0/node/code").asString()).isEqualTo(expectedCode);

        // every request the page made went to the hub, and the page's policy refused nothing it needed
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        assertThat(requested).anySatisfy(url -> assertThat(url).endsWith("/graphiql.min.js"))
                .anySatisfy(url -> assertThat(url).startsWith(origin + "/graphql"));
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
        assertThat(refused).isEmpty();

        // the token typed in is not kept in the browser's storage; the query is, in the history
        String stored = (String) browser.executeScript("return JSON.stringify(window.localStorage);");
        assertThat(stored).doesNotContain(token).contains("graphiql:queries", "parties(first: 1)");

        // for docs/console/graphiql.png: the headers from their start
        browser.executeScript(EDITOR + "editor.scrollTo(0, 0);", "X-End-User");
        Path screenshot = Path.of("target/screenshots/graphiql.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @DisplayName("the page allows scripts, styles and requests from the hub only, and each file it loads is served to anyone, gzipped")
    void pageAndFilesFromTheHubOnly() throws Exception {
        var page = http.get().uri("/graphiql?path=/graphql").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        String policy = page.getHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "connect-src 'self';");
        assertThat(page.getBody()).doesNotContain("https://", "http://");

        var client = HttpClient.newHttpClient();
        for (String asset : GraphiQlPage.ASSETS) {
            assertThat(page.getBody()).as("the page loads " + asset).contains("\"" + asset + "\"");
            // the JDK's client, which leaves the body as sent (Spring's may unzip it and drop the header)
            var file = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + asset))
                    .header(HttpHeaders.ACCEPT_ENCODING, "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).as(asset).isEqualTo(200);
            if (asset.endsWith(".min.js") || asset.endsWith(".min.css")) {
                assertThat(file.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).as(asset).contains("gzip");
            }
            System.out.printf("GraphiQL file %s: %d bytes sent%n", asset, file.body().length);
        }
        // the rest of the WebJars is not served
        assertThat(http.get().uri("/webjars/graphiql/2.4.7/graphiql.min.js.map").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(401);
    }
}
