package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The console of a hub that trusts an external identity provider (HUB_ISSUER_URI), as in production:
 * here the provider is a second hub with its embedded issuer, the closest honest stand-in for the
 * ministry's (OpenID discovery, authorization code with PKCE, a confidential client, its own sign-in
 * form). The browser signs in on the provider's form and lands on the other hub's console, whose requests
 * carry the provider's access token: the disclosure log of that hub names the person who signed in.
 */
@BesideTheSharedHub
class ConsoleAtTheMinistrysProviderIT {

    private static final String SECRET = "console-at-the-provider-" + System.nanoTime();

    private static HubProcess provider;
    private static HubProcess hub;
    private static String issuer;

    @BeforeAll
    static void startBoth() throws Exception {
        int providerPort = HubProcess.freePort();
        int hubPort = HubProcess.freePort();
        // both on localhost (the only host the test's browser reaches), where cookies do not tell ports
        // apart: the provider's session cookie gets a name of its own, as a host of its own would keep it apart
        issuer = "http://localhost:" + providerPort;
        Path data = Files.createTempDirectory("console-idp");
        provider = HubProcess.start("identity-provider", data.resolve("provider"), List.of(
                "--hub.security.embedded-issuer.issuer=" + issuer,
                "--server.servlet.session.cookie.name=PROVIDER_SESSION",
                "--hub.console.client-secret=" + SECRET,
                "--hub.console.redirect-uris=http://localhost:" + hubPort + "/login/oauth2/code/hub-console"),
                Path.of("").toAbsolutePath(), providerPort);
        hub = HubProcess.start("console-at-provider", data.resolve("hub"), List.of(
                "--HUB_ISSUER_URI=" + issuer,
                "--hub.console.client-id=hub-console",
                "--hub.console.client-secret=" + SECRET),
                Path.of("").toAbsolutePath(), hubPort);
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @DisplayName("with HUB_ISSUER_URI and a console client, a person signs in on the provider's form, sees Today on this hub's console, and this hub's disclosure log names them")
    void signsInAtTheProviderAndIsNamedInTheLog() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(25));
        String reply = RestClient.create("http://127.0.0.1:" + hub.port()).post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + provider.token("kuis-demo"))
                .header("X-End-User", HubIntegrationTest.END_USER).header("X-Purpose", HubIntegrationTest.PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(record.json()).retrieve().body(String.class);
        assertThat(reply).contains("ACCEPTED");
        String person = hub.graph().executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();

        try (var browser = new ConsoleBrowser(hub.port())) {
            browser.open("/console");
            // the provider's own form, not this hub's (which has none with an external issuer)
            browser.waitFor("username");
            assertThat(browser.driver.getCurrentUrl()).startsWith(issuer + "/login");
            browser.driver.findElement(By.id("username")).sendKeys("kuis-operator");
            browser.driver.findElement(By.id("password")).sendKeys("kuis-operator-password");
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            try {
                browser.waitFor("signed-in-person");
            } catch (RuntimeException e) {
                throw new AssertionError("not signed in; at " + browser.driver.getCurrentUrl() + ": " + browser.driver.getPageSource(), e);
            }
            assertThat(browser.driver.getCurrentUrl()).startsWith("http://localhost:" + hub.port() + "/console");
            assertThat(browser.text("signed-in-person")).isEqualTo("kuis-operator");
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Жұмабекова");
            assertThat(browser.driver.findElements(By.cssSelector("a[href='/console/case/" + person + "']"))).isNotEmpty();

            // the hub serves no sign-in form of its own: that is the provider's
            browser.driver.get("http://localhost:" + hub.port() + "/login");
            assertThat(browser.driver.findElements(By.id("password"))).isEmpty();
        }

        var prosecutor = HttpSyncGraphQlClient.builder(RestClient.create("http://127.0.0.1:" + hub.port() + "/graphql"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + provider.token("prosecutor-demo"))
                .header("X-End-User", DisclosureLog.uniqueEndUser("auditor"))
                .header("X-Purpose", HubIntegrationTest.PURPOSE)
                .documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")), List.of(".graphql")))
                .build();
        var entries = DisclosureLog.entries(prosecutor, Map.of("person", person)).stream()
                .filter(entry -> ConsolePages.TODAY_PURPOSE.equals(entry.get("purpose"))).toList();
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("endUser")).isEqualTo("kuis-operator");
            assertThat(entry.get("agency")).isEqualTo("KZ-KUIS");
        });
    }
}
