package kz.reentry.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.BatchDrops;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInReceivers;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import tools.jackson.databind.JsonNode;

/**
 * The Exchange health page's history (issue 20): intake per channel over time with duplicates, the
 * outbox's depth over time, each receiver's circuit, the batch files with how far each has got. The
 * GraphQL fields asked directly with real tokens (the penal system's, and the akimat's, which is
 * refused), then the page in headless Chromium (the operator's and the NGO's).
 */
class ExchangeHealthHistoryIT extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String INTAKE = """
            query($from: DateTime!, $to: DateTime!, $step: HistoryStep) {
              intakeHistory(from: $from, to: $to, step: $step) { channel from to accepted duplicates rejected }
            }""";
    private static final String DEPTH = """
            query($from: DateTime!, $to: DateTime!, $points: Int) { outboxDepth(from: $from, to: $to, points: $points) { at depth } }""";
    private static final String CIRCUITS = """
            { receiverCircuits { receiver agencies state failureRate calls failedCalls } }""";

    @Autowired
    CamelContext camel;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private ConsoleBrowser console;

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @DisplayName("intakeHistory counts each message of a channel once as accepted, duplicate or rejected, in the hour it came; the akimat is refused, in the log as itself")
    void intakePerChannelOverTime() {
        OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1);
        OffsetDateTime to = from.plusHours(3);
        int[] before = httpCounts(from, to);

        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(70));
        assertThat(postRelease(record.json()).status()).isEqualTo(200);
        var again = postRelease(record.json());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asString()).isEqualTo("DUPLICATE");
        assertThat(postRelease(ReleaseRecords.validRelease(LocalDate.now().plusDays(70)).remove("person.surname").json()).status())
                .isEqualTo(400);

        int[] after = httpCounts(from, to);
        assertThat(new int[] {after[0] - before[0], after[1] - before[1], after[2] - before[2]})
                .as("accepted, duplicates, rejected on http since the first count").containsExactly(1, 1, 1);
        // by hour: the steps are whole hours from `from`, each no longer than an hour
        var rows = intake(graphQl("kuis-demo"), from, to, "HOUR").field("intakeHistory").toEntityList(Map.class);
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            var start = OffsetDateTime.parse((String) row.get("from"));
            assertThat(Duration.between(from, start).toMinutes() % 60).isZero();
            assertThat(Duration.between(start, OffsetDateTime.parse((String) row.get("to")))).isLessThanOrEqualTo(Duration.ofHours(1));
        });
        // too many steps: refused as a bad request, not counted over a year of hours
        var tooLong = intake(graphQl("kuis-demo"), from.minusDays(30), to, "HOUR");
        assertThat(tooLong.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("at most 400 steps"));

        String endUser = DisclosureLog.uniqueEndUser("akimat-intake-history");
        var refused = intake(DisclosureLog.as(graphQl("akimat-demo"), endUser), from, to, "HOUR");
        assertRefusedAndLogged(refused, "intakeHistory", endUser);
    }

    @Test
    @DisplayName("while a receiver is down its circuit opens and its message waits in the outbox until it dies: outboxDepth counts it from its creation to its death, as the graph keeps them")
    void outboxDepthAndCircuitWhileAReceiverIsDown() {
        var akimat = StandInReceivers.INSTANCE.receiver("akimat");
        String person;
        String dead;
        akimat.down();
        try {
            person = filed(ReleaseRecords.validRelease(LocalDate.now().plusMonths(2)));
            dead = await().atMost(PATIENCE).until(() -> deadMessageFor(person), id -> id != null);
            List<Map> circuits = graphQl("kuis-demo").document(CIRCUITS).executeSync().field("receiverCircuits").toEntityList(Map.class);
            assertThat(circuits).extracting(c -> c.get("receiver"))
                    .contains("akimat-75", "police-75", "bus-71", "kuis").isSorted();
            assertThat(circuits).filteredOn(c -> c.get("receiver").equals("akimat-75")).singleElement().satisfies(c -> {
                assertThat(c.get("state")).isIn("OPEN", "HALF_OPEN");
                assertThat(c.get("agencies")).isEqualTo(List.of("KZ-MIO-75", "KZ-MIO-75-*"));
                assertThat(((Number) c.get("failedCalls")).intValue()).isPositive();
            });
            // an exchange operator of a kind that may not know of E3 handoffs (outboundMessages hides them
            // from it) is not told of calls to their receivers either
            String akimatOperator = new HubTokens(hubSigningKeys).issue("akimat-operator-" + UUID.randomUUID(), "KZ-MIO-75",
                    "KZ-75", List.of("EXCHANGE_OPERATOR"));
            List<Map> withoutHealth = graphQlWithToken(akimatOperator).document(CIRCUITS).executeSync().field("receiverCircuits")
                    .toEntityList(Map.class);
            assertThat(circuits).extracting(c -> c.get("receiver")).contains("health-kz-tb-75");
            assertThat(withoutHealth).extracting(c -> c.get("receiver")).contains("akimat-75")
                    .noneMatch(name -> ((String) name).startsWith("health-") || name.equals("demo-health"));
        } finally {
            akimat.up();
        }
        var times = driver.executableQuery("MATCH (m:OutboundMessage {id: $id}) RETURN m.createdAt AS created, m.deadAt AS dead")
                .withParameters(Map.of("id", dead)).execute().records().getFirst();
        ZonedDateTime created = times.get("created").asZonedDateTime();
        ZonedDateTime died = times.get("dead").asZonedDateTime();
        assertThat(died).as("the time of death is kept").isAfter(created);

        // DateTime is kept to the millisecond
        OffsetDateTime from = created.toOffsetDateTime().minusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime to = died.toOffsetDateTime().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        List<Map> points = graphQl("kuis-demo").document(DEPTH).variable("from", from.toString()).variable("to", to.toString())
                .variable("points", 9).executeSync().field("outboxDepth").toEntityList(Map.class);
        assertThat(points).hasSize(9);
        assertThat(OffsetDateTime.parse((String) points.getFirst().get("at"))).isEqualTo(from);
        assertThat(OffsetDateTime.parse((String) points.getLast().get("at"))).isEqualTo(to);
        for (Map point : points) {
            ZonedDateTime at = OffsetDateTime.parse((String) point.get("at")).toZonedDateTime();
            // waiting then: created by then, neither delivered nor dead by then
            long waiting = count("""
                    MATCH (m:OutboundMessage) WHERE m.createdAt <= $at AND (m.deliveredAt IS NULL OR m.deliveredAt > $at)
                      AND (m.status <> 'DEAD' OR coalesce(m.deadAt, m.createdAt) > $at) RETURN count(m)""", Map.of("at", at));
            boolean ours = !at.isBefore(created) && at.isBefore(died);
            assertThat(((Number) point.get("depth")).longValue()).as("depth at " + at + (ours ? ", our message waiting" : ""))
                    .isEqualTo(waiting).isGreaterThanOrEqualTo(ours ? 1 : 0);
        }
        assertThat(points).as("some point falls while our message waited")
                .anySatisfy(p -> assertThat(OffsetDateTime.parse((String) p.get("at")).toZonedDateTime()).isBetween(created, died));

        String endUser = DisclosureLog.uniqueEndUser("akimat-outbox-depth");
        var refused = DisclosureLog.as(graphQl("akimat-demo"), endUser).document(DEPTH).variable("from", from.toString())
                .variable("to", to.toString()).variable("points", 3).executeSync();
        assertRefusedAndLogged(refused, "outboxDepth", endUser);
        String circuitsUser = DisclosureLog.uniqueEndUser("akimat-circuits");
        assertRefusedAndLogged(DisclosureLog.as(graphQl("akimat-demo"), circuitsUser).document(CIRCUITS).executeSync(),
                "receiverCircuits", circuitsUser);
    }

    @Test
    @DisplayName("the operator's Exchange health page shows intake per channel, the outbox's depth as an SVG plot with its table, each receiver's circuit and a dropped batch file's progress; the NGO's says none of it is for it")
    void exchangeHealthPageInTheBrowser() throws Exception {
        var record = ReleaseRecords.validRelease(LocalDate.now().plusDays(80));
        filed(record);
        postRelease(record.json());
        var files = new BatchDrops(BatchDrops.directoryOf(camel),
                () -> graphQl("kuis-demo").documentName("batchFiles").executeSync().field("batchFiles").toEntityList(JsonNode.class));
        String name = "console-" + UUID.randomUUID() + ".csv";
        files.drop(name, BatchDrops.csv(List.of(ReleaseRecords.validRelease(LocalDate.now().plusDays(81)),
                ReleaseRecords.validRelease(LocalDate.now().plusDays(82)))).getBytes(StandardCharsets.UTF_8));
        JsonNode batch = files.awaitBatch(name, PATIENCE);

        console = new ConsoleBrowser(port);
        var browser = console.driver;
        console.signIn("kuis-operator");
        console.open("/console/exchange");
        console.waitFor("intake-table");
        assertThat(browser.findElements(By.cssSelector("#intake-table tbody tr[data-channel=http]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#intake-table tbody tr[data-channel=http] td.duplicates")))
                .anySatisfy(cell -> assertThat(Integer.parseInt(cell.getText())).isPositive());
        // the plot is drawn on the server: an SVG line of 25 points, its words and a table of the same values
        WebElement line = browser.findElement(By.id("depth-line"));
        assertThat(line.getAttribute("points").split(" ")).hasSize(25);
        assertThat(browser.findElement(By.id("depth-plot")).getAttribute("aria-labelledby")).isEqualTo("depth-plot-caption");
        assertThat(console.text("depth-plot-caption")).startsWith("Outbound messages waiting from");
        assertThat(browser.findElements(By.cssSelector("#depth-table tbody tr"))).hasSize(25);
        assertThat(console.text("circuit-akimat-75")).contains("akimat-75", "KZ-MIO-75");
        assertThat(browser.findElement(By.cssSelector("#circuit-akimat-75 .state")).getText()).isIn("CLOSED", "OPEN", "HALF_OPEN", "UNUSED");
        WebElement file = browser.findElement(By.id("batch-" + batch.get("id").asString()));
        assertThat(file.getText()).contains(name);
        assertThat(file.findElement(By.cssSelector(".status")).getText()).isEqualTo("DONE");
        assertThat(file.findElement(By.cssSelector(".records")).getText()).isEqualTo("2");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2000));
        console.screenshot("exchange-health");

        console.open("/console/exchange?period=month");
        console.waitFor("intake-table");
        assertThat(browser.findElement(By.cssSelector("#period option[selected]")).getAttribute("value")).isEqualTo("month");
        assertThat(browser.findElement(By.id("depth-line")).getAttribute("points").split(" ")).hasSize(25);

        browser.manage().deleteAllCookies();
        console.signIn("ngo-worker");
        console.open("/console/exchange");
        console.waitFor("intake");
        assertThat(browser.findElements(By.id("intake-table"))).isEmpty();
        assertThat(browser.findElements(By.id("depth-plot"))).isEmpty();
        assertThat(browser.findElements(By.id("circuit-table"))).isEmpty();
        assertThat(browser.findElements(By.id("batch-table"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("p.notice"))).extracting(WebElement::getText)
                .filteredOn("Not available to you."::equals).hasSizeGreaterThanOrEqualTo(4);
    }

    private int[] httpCounts(OffsetDateTime from, OffsetDateTime to) {
        var answer = intake(graphQl("kuis-demo"), from, to, "HOUR");
        assertThat(answer.getErrors()).isEmpty();
        int[] sum = new int[3];
        for (Map<?, ?> row : answer.field("intakeHistory").toEntityList(Map.class)) {
            if ("http".equals(row.get("channel"))) {
                sum[0] += ((Number) row.get("accepted")).intValue();
                sum[1] += ((Number) row.get("duplicates")).intValue();
                sum[2] += ((Number) row.get("rejected")).intValue();
            }
        }
        return sum;
    }

    private static ClientGraphQlResponse intake(HttpSyncGraphQlClient client, OffsetDateTime from, OffsetDateTime to, String step) {
        return client.document(INTAKE).variable("from", from.toString()).variable("to", to.toString()).variable("step", step)
                .executeSync();
    }

    private void assertRefusedAndLogged(ClientGraphQlResponse reply, String field, String endUser) {
        assertThat((Object) reply.field(field).getValue()).isNull();
        assertThat(reply.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of(), endUser)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "REFUSED"));
    }

    private String deadMessageFor(String person) {
        var messages = graphQl("kuis-demo").documentName("outboundMessages")
                .variable("person", person).variable("recipient", "KZ-MIO-75").variable("status", "DEAD").variable("first", 5)
                .executeSync().field("outboundMessages.edges").toEntityList(Map.class);
        return messages.isEmpty() ? null : (String) ((Map<?, ?>) messages.getFirst().get("node")).get("id");
    }
}
