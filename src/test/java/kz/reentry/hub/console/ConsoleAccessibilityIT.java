package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every page of the console, as the people who use it see it, audited in headless Chromium with
 * axe-core against WCAG 2.1 A and AA (labels, contrast, landmarks, the page's language, names of
 * links and buttons, tables' headers), in each language the console speaks; and the sign-in and the
 * case search done with the keyboard alone.
 */
class ConsoleAccessibilityIT extends HubIntegrationTest {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private ConsoleBrowser console;
    private final List<String> firstPaints = new ArrayList<>();

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @ParameterizedTest(name = "?lang={0}")
    @ValueSource(strings = {"kk", "ru", "en"})
    @DisplayName("no WCAG 2.1 A/AA violation on any console page, signed out, as the operator and as the auditor")
    void everyPageMeetsWcag(String lang) {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(25)));
        console = new ConsoleBrowser(port);
        List<String> violations = new ArrayList<>();

        console.open("/login?lang=" + lang);
        console.waitFor("username");
        violations.addAll(audit("/login"));

        console.signIn("kuis-operator");
        for (String page : List.of("/console", "/console/case", "/console/exchange")) {
            violations.addAll(auditPage(page + "?lang=" + lang));
        }
        violations.addAll(auditPage("/console/case/" + person + "?lang=" + lang));
        console.driver.manage().deleteAllCookies();

        console.signIn("prosecutor-auditor");
        violations.addAll(auditPage("/console/audit?lang=" + lang));

        assertThat(violations).as("axe-core violations").isEmpty();
    }

    @Test
    @DisplayName("signing in and opening a case work with the keyboard alone, each control reached by Tab")
    void keyboardAlone() {
        String login = "kuis-operator";
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(26));
        filed(record);
        console = new ConsoleBrowser(port);

        console.open("/console");
        console.waitFor("username");
        tabTo("username").sendKeys(login);
        tabTo("password").sendKeys(login + "-password", Keys.ENTER);
        console.waitFor("signed-in-person");

        console.open("/console/case");
        console.waitFor("iin");
        tabTo("iin").sendKeys(record.iin());
        var purpose = tabTo("purpose");
        purpose.clear();
        purpose.sendKeys("keyboard check", Keys.ENTER);
        console.waitFor("person-name");
        assertThat(console.text("person-name")).startsWith("Жұмабекова");
    }

    /** Presses Tab from the top of the page until the element with this id has the focus. */
    private WebElement tabTo(String id) {
        console.driver.findElement(By.tagName("body")).click();
        for (int presses = 0; presses < 40; presses++) {
            new Actions(console.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = console.driver.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("#" + id + " is not reached by Tab on " + console.driver.getCurrentUrl());
    }

    private List<String> auditPage(String path) {
        console.open(path);
        console.waitFor("signed-in-person");
        firstPaints.add(path + " " + console.driver.executeScript("""
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                return paint ? Math.round(paint.startTime) + ' ms' : 'not reported';"""));
        return audit(path);
    }

    /** Written down, not asserted (a timed test measures the machine): target/console-first-paint.txt. */
    @AfterEach
    void writeFirstPaints() throws java.io.IOException {
        if (!firstPaints.isEmpty()) {
            java.nio.file.Files.write(java.nio.file.Path.of("target/console-first-paint.txt"), firstPaints,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private List<String> audit(String path) {
        var results = new AxeBuilder().withTags(WCAG).analyze(console.driver);
        assertThat(results.isErrored()).as("axe-core ran on " + path).isFalse();
        assertThat(results.getPasses()).as("rules axe-core checked and found met on " + path).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            found.add(path + ": " + rule.getId() + " (" + rule.getHelp() + ") at " + rule.getNodes().stream()
                    .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")));
        }
        return found;
    }
}
