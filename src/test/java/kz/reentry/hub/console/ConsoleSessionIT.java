package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's session and sign-in limits in a real browser, on a hub whose console session ends after
 * 10 idle seconds (hub.console.session-timeout, 30 minutes by default) and whose access tokens live 30
 * seconds: an idle session sends the browser back to sign in; a token that expires while the person keeps
 * working does too; the sign-in form is throttled per login like the token endpoint per client. The two
 * limits are far apart and far above one page's time, so that a machine stalled for a few seconds under
 * the suite's load (a CI run once took more than 5 s between two pages) does not end a session early.
 */
@TestPropertySource(properties = {
        "hub.console.session-timeout=10s",
        "hub.security.embedded-issuer.token-ttl=30s",
        // a context of its own beside the suite's shared one: Camel's servlets are named JVM-wide
        "hub.intake.servlet-name=ConsoleSessionServlet"
})
class ConsoleSessionIT extends HubIntegrationTest {

    private static final Duration SESSION_IDLE = Duration.ofSeconds(10);
    private static final Duration TOKEN_TTL = Duration.ofSeconds(30);

    private ConsoleBrowser console;

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @DisplayName("a session idle for longer than its timeout ends: the next page asks for the login and password again")
    void idleSessionSendsTheBrowserBackToSignIn() throws Exception {
        console = new ConsoleBrowser(port);
        console.signIn("kuis-operator");
        console.open("/console/exchange");
        console.waitFor("signed-in-person");

        Thread.sleep(SESSION_IDLE.plusSeconds(2));
        console.open("/console/exchange");
        console.waitFor("username");
        assertThat(console.driver.getCurrentUrl()).contains("/login");
        assertThat(console.driver.findElements(By.id("signed-in-person"))).isEmpty();
    }

    @Test
    @DisplayName("a token that expires while the person keeps working (the session stays alive) ends the session: the next page asks to sign in again")
    void tokenExpiringMidSessionSendsTheBrowserBackToSignIn() throws Exception {
        console = new ConsoleBrowser(port);
        console.signIn("kuis-operator");
        Instant expires = Instant.now().plus(TOKEN_TTL);
        // a page every 2 s keeps the 10 s session alive until the token has expired
        while (Instant.now().isBefore(expires.minusSeconds(2))) {
            console.open("/console/audit");
            console.waitFor("signed-in-person");
            Thread.sleep(Duration.ofSeconds(2));
        }
        while (Instant.now().isBefore(expires.plusSeconds(1))) {
            Thread.sleep(Duration.ofMillis(500));
            console.open("/console/audit");
            console.waitFor("main");
        }
        console.open("/console/audit");
        console.waitFor("username");
        assertThat(console.driver.findElements(By.id("signed-in-person"))).isEmpty();
        // signing in again gives a new token and the pages work again
        console.signIn("kuis-operator");
        assertThat(console.text("signed-in-person")).isEqualTo("kuis-operator");
    }

    @Test
    @DisplayName("after too many wrong passwords for a login the sign-in form refuses it, even with the right password, before checking it; another login from the same computer still signs in")
    void signInFormThrottledPerLogin() {
        console = new ConsoleBrowser(port);
        console.open("/login");
        // hub.edge.token-failures: 10 per login (per client at the token endpoint) in a minute
        for (int attempt = 1; attempt <= 10; attempt++) {
            submit("akimat-officer", "wrong-" + attempt);
            assertThat(console.driver.getCurrentUrl()).as("attempt " + attempt).contains("/login?error");
        }
        submit("akimat-officer", "akimat-officer-password");
        console.waitFor("sign-in-throttled");
        assertThat(console.driver.getCurrentUrl()).contains("/login?throttled");
        assertThat(console.text("sign-in-throttled")).startsWith("Too many failed attempts");
        assertThat(console.driver.findElements(By.id("signed-in-person"))).isEmpty();
        // recorded like a refusal at the token endpoint (this hub's own context: only this test signs in as the akimat)
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of()))
                .filteredOn(entry -> String.valueOf(entry.get("operation")).contains("429 /login: too many failed attempts for login akimat-officer"))
                .singleElement().satisfies(entry -> assertThat(entry.get("outcome")).isEqualTo("REFUSED"));

        console.driver.manage().deleteAllCookies();
        console.signIn("ngo-worker");
        assertThat(console.text("signed-in-person")).isEqualTo("ngo-worker");
    }

    private void submit(String login, String password) {
        console.waitFor("username");
        console.driver.findElement(By.id("username")).clear();
        console.driver.findElement(By.id("username")).sendKeys(login);
        console.driver.findElement(By.id("password")).sendKeys(password);
        console.driver.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("username");
    }
}
