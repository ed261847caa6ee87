package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HeadlessChromium;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser whose network ends at the hub: people of three parties sign in
 * (OpenID Connect, code with PKCE, against the embedded issuer) and see what the access rules give their
 * party through the GraphQL API, as themselves in the disclosure log; an operator corrects and replays a
 * dead letter and sends a DEAD message again. Screenshots of each page go to target/screenshots/console-*.png
 * (docs/console/).
 */
class OperatorConsoleIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChromeDriver browser;
    private String origin;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.localhostOnly();
        origin = "http://localhost:" + port;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("the penal system's operator signs in, sees the release on Today, opens the case with a purpose and sees it whole; the disclosure log names the operator and that purpose")
    void penalSystemOperatorSeesTheWholeCase() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(20));
        String person = filed(record);

        signIn("kuis-operator");
        assertThat(text("signed-in-person")).isEqualTo("kuis-operator");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Жұмабекова");
        assertThat(browser.findElements(By.cssSelector("a[href='/console/case/" + person + "']"))).isNotEmpty();
        screenshot("today");

        String purpose = "case-" + UUID.randomUUID();
        openCase(record.iin(), purpose);
        assertThat(text("person-name")).startsWith("Жұмабекова Әйгерім");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("188 ч.2", "END_OF_TERM").doesNotContain("withheld");
        assertThat(browser.findElements(By.id("withheld"))).isEmpty();
        screenshot("case");

        var entries = DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("person", person)).stream()
                .filter(entry -> purpose.equals(entry.get("purpose"))).toList();
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("endUser")).isEqualTo("kuis-operator");
            assertThat(entry.get("agency")).isEqualTo("KZ-KUIS");
        });
    }

    @Test
    @DisplayName("an NGO's caseworker sees its assigned person with the criminal record withheld (and why), not another region's person, and no exchange or audit data")
    void ngoCaseworkerSeesOnlyWhatTheTableAllows() throws Exception {
        var assigned = ReleaseRecords.validRelease(LocalDate.now().plusDays(40));
        String person = filed(assigned);
        var answer = graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", "NGO-KZ-75-0001", "reason", "Сопровождение")).executeSync();
        assertThat(answer.getErrors()).isEmpty();
        var elsewhere = ReleaseRecords.validRelease(LocalDate.now().plusDays(40)).set("release.residenceRegion", "KZ-71");
        filed(elsewhere);

        signIn("ngo-worker");
        openCase(assigned.iin(), "e6-" + UUID.randomUUID());
        assertThat(text("person-name")).startsWith("Жұмабекова Әйгерім");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).doesNotContain("188 ч.2", "END_OF_TERM")
                .contains("withheld: CRIMINAL_RECORD");
        assertThat(text("states-withheld")).isEqualTo("withheld: CRIMINAL_RECORD");
        // the term, article and court cells say what the API withheld and why, not an empty cell
        assertThat(browser.findElements(By.cssSelector("td.withheld"))).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("withheld: CRIMINAL_RECORD"));
        screenshot("case-ngo");

        openCase(elsewhere.iin(), "e6-" + UUID.randomUUID());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No person with this IIN that you may see");

        browser.get(origin + "/console/exchange");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Not available to you");
        assertThat(browser.findElements(By.cssSelector(".dead-letter"))).isEmpty();
        browser.get(origin + "/console/audit");
        assertThat(text("audit-refused")).isEqualTo("Not available to you.");
    }

    @Test
    @DisplayName("an akimat's case officer sees a person released into its territory but not one going elsewhere; the page is in Kazakh or Russian when asked")
    void akimatOfficerSeesItsTerritoryOnly() throws Exception {
        var ours = ReleaseRecords.validRelease(LocalDate.now().plusDays(25));
        String person = filed(ours);
        var theirs = ReleaseRecords.validRelease(LocalDate.now().plusDays(25)).set("release.residenceRegion", "KZ-71");
        String other = filed(theirs);

        signIn("akimat-officer");
        assertThat(browser.findElements(By.cssSelector("a[href='/console/case/" + person + "']"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href='/console/case/" + other + "']"))).isEmpty();
        openCase(theirs.iin(), "akimat-" + UUID.randomUUID());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No person with this IIN that you may see");
        // a case by its hub id, typed into the address bar: the API answers as for an unknown person
        browser.get(origin + "/console/case/" + other);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Жұмабекова");

        browser.get(origin + "/console?lang=kk");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Бүгін");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("kk");
        browser.get(origin + "/console?lang=ru");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Сегодня");
    }

    @Test
    @DisplayName("the signed-in browser cannot call /graphql with its cookie, nor post a console form without the CSRF token")
    void theSessionOpensNoOtherDoor() {
        signIn("kuis-operator");
        // nothing of the sign-in in the browser's storage (the token stays on the server), the cookie out of scripts' reach
        assertThat((String) browser.executeScript("return JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage);"))
                .isEqualTo("{}{}");
        assertThat(browser.manage().getCookies()).isNotEmpty().allSatisfy(cookie -> assertThat(cookie.isHttpOnly()).isTrue());
        // from a page of the hub whose policy lets scripts connect to the hub (the console's own pages let nothing run)
        browser.get(origin + "/graphiql?path=/graphql");
        Object status = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/graphql', {method: 'POST', credentials: 'include',
                        headers: {'Content-Type': 'application/json', 'X-End-User': 'kuis-operator', 'X-Purpose': 'x'},
                        body: JSON.stringify({query: '{ parties(first: 1) { edges { node { code } } } }'})})
                    .then(r => done(r.status), e => done(String(e)));
                """);
        assertThat(status).isEqualTo(401L);
        Object forged = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/case', {method: 'POST', credentials: 'include', redirect: 'manual',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'iin=900101300007&purpose=x'})
                    .then(r => done(r.status), e => done(String(e)));
                """);
        assertThat(forged).isEqualTo(403L);
    }

    @Test
    @DisplayName("an exchange operator sees a dead letter's errors next to its payload, corrects the payload in place and replays it into a person")
    void deadLetterCorrectedAndReplayed() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(5)).remove("person.surname");
        var reply = postRelease(record.json());
        assertThat(reply.status()).isEqualTo(400);
        String deadLetter = reply.body().path("deadLetterId").asString();

        signIn("kuis-operator");
        browser.get(origin + "/console/exchange");
        WebElement letter = findPaging("dead-letter-" + deadLetter, "dead-letters-next");
        assertThat(letter.findElement(By.cssSelector(".errors")).getText()).contains("person.surname", "required");
        WebElement payload = letter.findElement(By.tagName("textarea"));
        assertThat(payload.getAttribute("value")).contains(record.iin());
        // the history sections come first on the page: the screenshot shows the dead letter
        browser.executeScript("arguments[0].scrollIntoView()", letter);
        screenshot("exchange");

        String corrected = record.set("person.surname", "Жұмабекова").json();
        payload.clear();
        payload.sendKeys(corrected);
        letter.findElement(By.cssSelector("button[type=submit]")).click();
        wait("replay-result");
        assertThat(text("replay-result")).isEqualTo("Dead letter " + deadLetter + " replayed: accepted");
        assertThat(count("MATCH (p:Person {iin: $iin}) RETURN count(p) AS n", Map.of("iin", record.iin()))).isEqualTo(1);
        // this replay is filed as the signed-in operator, naming the person it made
        String made = driver.executableQuery("MATCH (p:Person {iin: $iin}) RETURN p.id AS id")
                .withParameters(Map.of("iin", record.iin())).execute().records().getFirst().get("id").asString();
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("person", made)))
                .filteredOn(entry -> ((List<?>) entry.get("fields")).contains("Mutation.replayDeadLetter"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.get("endUser")).isEqualTo("kuis-operator");
                    assertThat(entry.get("purpose")).isEqualTo(ExchangeHealthPage.PURPOSE);
                });
    }

    @Test
    @DisplayName("an exchange operator finds a DEAD message by receiver and sends it again; it is delivered")
    void deadMessageSentAgain() throws Exception {
        var akimat = StandInReceivers.INSTANCE.receiver("akimat");
        var record = ReleaseRecords.validRelease(LocalDate.now().plusMonths(2));
        String person;
        String dead;
        akimat.down();
        try {
            person = filed(record);
            dead = await().atMost(PATIENCE).until(() -> deadMessageFor(person), id -> id != null);
        } finally {
            akimat.up();
        }

        signIn("kuis-operator");
        browser.get(origin + "/console/exchange?status=DEAD&recipient=KZ-MIO-75");
        WebElement row = findPaging("outbound-" + dead, "outbound-next");
        assertThat(row.getText()).contains("DEAD", "KZ-MIO-75");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait("sent-again");
        assertThat(text("sent-again")).isEqualTo("Message " + dead + " sent again: PENDING");
        await().atMost(PATIENCE).until(() -> akimat.applied().stream().anyMatch(r -> r.messageId().equals(dead)));
    }

    @Test
    @DisplayName("the prosecutor's auditor lists the disclosures about a person and verifies the chain; pages stay under 300 KB")
    void auditorListsDisclosuresAndVerifiesTheChain() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(50)));
        graphQl("kuis-demo").document("query($id: ID!) { personById(id: $id) { surname } }").variable("id", person).executeSync();

        signIn("prosecutor-auditor");
        browser.get(origin + "/console/audit?person=" + person + "&verify=1");
        wait("verification");
        assertThat(text("verification")).startsWith("The chain is intact");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains(END_USER, "KZ-KUIS", "Person.surname");
        screenshot("audit");

        for (String path : List.of("/console", "/console/exchange", "/console/audit", "/console/case")) {
            browser.get(origin + path);
            long bytes = (Long) browser.executeScript("""
                    return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                        .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);""");
            assertThat(bytes).as(path).isLessThan(300_000);
        }
    }

    private void signIn(String login) {
        browser.get(origin + "/console");
        wait("username");
        browser.findElement(By.id("username")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(login + "-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait("signed-in-person");
    }

    private void openCase(String iin, String purpose) {
        browser.get(origin + "/console/case");
        wait("iin");
        browser.findElement(By.id("iin")).sendKeys(iin);
        var field = browser.findElement(By.id("purpose"));
        field.clear();
        field.sendKeys(purpose);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.id("person-name")).isEmpty()
                || b.findElement(By.tagName("main")).getText().contains("No person"));
    }

    /** The element on this page of the list or a later one, following the "next page" link. */
    private WebElement findPaging(String id, String next) {
        for (int page = 0; page < 200; page++) {
            var found = browser.findElements(By.id(id));
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            var link = browser.findElements(By.id(next));
            assertThat(link).as("no " + id + " on any page").isNotEmpty();
            browser.get(link.getFirst().getAttribute("href"));
        }
        throw new AssertionError("no " + id);
    }

    private String deadMessageFor(String person) {
        var messages = graphQl("kuis-demo").documentName("outboundMessages")
                .variable("person", person).variable("recipient", "KZ-MIO-75").variable("status", "DEAD").variable("first", 5)
                .executeSync().field("outboundMessages.edges").toEntityList(Map.class);
        return messages.isEmpty() ? null : (String) ((Map<?, ?>) messages.getFirst().get("node")).get("id");
    }

    private void wait(String id) {
        new WebDriverWait(browser, PATIENCE).withMessage("element #" + id + " on " + browser.getCurrentUrl())
                .until(b -> !b.findElements(By.id(id)).isEmpty());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(String name) throws Exception {
        Path file = Path.of("target/screenshots/console-" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
}
