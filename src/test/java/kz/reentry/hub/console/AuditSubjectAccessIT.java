package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Audit page's subject-access export (issue 20): the prosecutor's auditor downloads a person's
 * disclosure history as the file the API's GET /disclosures/subject-access/{person} makes, recorded in
 * the disclosure log as the auditor with the purpose given; the NGO's caseworker gets the API's refusal.
 */
class AuditSubjectAccessIT extends HubIntegrationTest {

    private ConsoleBrowser console;

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @DisplayName("the prosecutor's auditor exports a person's disclosures from the Audit page: the API's file, logged as the auditor with the purpose asked for")
    void auditorExportsAPersonsDisclosures() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(60)));
        graphQl("kuis-demo").document("query($id: ID!) { personById(id: $id) { surname } }").variable("id", person).executeSync();
        Path downloads = Files.createTempDirectory("console-downloads");
        console = new ConsoleBrowser(port);
        console.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));

        console.signIn("prosecutor-auditor");
        console.open("/console/audit?person=" + person);
        console.waitFor("export-form");
        assertThat(console.driver.findElement(By.id("export-person")).getAttribute("value")).isEqualTo(person);
        String purpose = "subject-request-" + UUID.randomUUID();
        console.driver.findElement(By.id("export-purpose")).sendKeys(purpose);
        console.screenshot("audit-export");
        console.driver.findElement(By.id("export-button")).click();

        Path file = await().atMost(ConsoleBrowser.PATIENCE).until(() -> downloaded(downloads), found -> found != null);
        assertThat(file.getFileName().toString()).startsWith("subject-access-" + person + "-").endsWith(".json");
        JsonNode export = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(export.path("person").asString()).isEqualTo(person);
        assertThat(export.path("endUser").asString()).isEqualTo("prosecutor-auditor");
        assertThat(export.path("purpose").asString()).isEqualTo(purpose);
        assertThat(export.path("exportedBy").asString()).isEqualTo("KZ-GP");
        List<String> agencies = new java.util.ArrayList<>();
        export.path("disclosures").forEach(entry -> agencies.add(entry.path("agency").asString()));
        assertThat(agencies).as("who read the person").contains("KZ-KUIS");

        var entries = DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("person", person)).stream()
                .filter(entry -> purpose.equals(entry.get("purpose"))).toList();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.get("endUser")).isEqualTo("prosecutor-auditor");
            assertThat(entry.get("operation")).isEqualTo("EXPORT subject access");
            assertThat(entry.get("outcome")).isEqualTo("DISCLOSED");
        });

        // a person the hub does not have: the page says so, no file
        console.open("/console/audit");
        console.waitFor("export-form");
        console.driver.findElement(By.id("export-person")).sendKeys("no-such-person-" + UUID.randomUUID());
        console.driver.findElement(By.id("export-purpose")).sendKeys("subject-request-" + UUID.randomUUID());
        console.driver.findElement(By.id("export-button")).click();
        console.waitFor("export-problem");
        assertThat(console.text("export-problem")).isEqualTo("No person with this id that you may see.");
    }

    @Test
    @DisplayName("an NGO's caseworker asking for the export gets the API's refusal on the page and no file")
    void ngoIsRefusedTheExport() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.now().plusDays(61)));
        Path downloads = Files.createTempDirectory("console-downloads");
        console = new ConsoleBrowser(port);
        console.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));

        console.signIn("ngo-worker");
        console.open("/console/audit?person=" + person);
        console.waitFor("export-form");
        String purpose = "ngo-export-" + UUID.randomUUID();
        console.driver.findElement(By.id("export-purpose")).sendKeys(purpose);
        console.driver.findElement(By.id("export-button")).click();
        console.waitFor("export-problem");
        assertThat(console.text("export-problem")).isEqualTo("Not available to you.");
        Thread.sleep(500);
        assertThat(downloaded(downloads)).as("a file downloaded").isNull();
    }

    /** The finished download in the directory, or null (Chromium writes *.crdownload until it is done). */
    private static Path downloaded(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> done = files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
            return done.isEmpty() ? null : done.getFirst();
        }
    }
}
