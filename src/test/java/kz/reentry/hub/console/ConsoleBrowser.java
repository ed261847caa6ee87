package kz.reentry.hub.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import kz.reentry.hub.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium on the console of a hub on this port: sign in as a demo person, wait, read, screenshot. */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final ChromeDriver driver = HeadlessChromium.localhostOnly();
    final String origin;

    ConsoleBrowser(int port) {
        this.origin = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(origin + path);
    }

    /** Through the embedded issuer's form, as the demo person (password {@code <login>-password}). */
    void signIn(String login) {
        open("/console");
        waitFor("username");
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(login + "-password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("signed-in-person");
    }

    void waitFor(String id) {
        new WebDriverWait(driver, PATIENCE).withMessage("element #" + id + " on " + driver.getCurrentUrl())
                .until(b -> !b.findElements(By.id(id)).isEmpty());
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** target/screenshots/console-{name}.png, copied to docs/console/ for docs/console.md. */
    void screenshot(String name) throws Exception {
        Path file = Path.of("target/screenshots/console-" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
