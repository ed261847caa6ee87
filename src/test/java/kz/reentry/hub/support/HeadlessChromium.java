package kz.reentry.hub.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its chromedriver (both installed by .ci/run), with the
 * browser's network limited to this machine: every host name but localhost fails to resolve, so a
 * page that reaches for a CDN finds nothing there. Without the binaries a test is skipped, except on
 * CI (CI=true), where it fails: a browser test that silently never ran proves nothing.
 */
public final class HeadlessChromium {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A new browser that can reach localhost only; quit it after the test. */
    public static ChromeDriver localhostOnly() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Browser tests need " + BROWSER + " and " + DRIVER
                        + " (Debian's chromium and chromium-driver; .ci/run installs them)");
            }
            Assumptions.abort("skipped: no " + BROWSER + " or " + DRIVER
                    + " (apt-get install chromium chromium-driver, as .ci/run does)");
        }
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                // nothing of Chromium's own reaching out (updates, field trials, safe browsing)
                "--disable-background-networking", "--disable-component-update", "--no-first-run");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        var browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
