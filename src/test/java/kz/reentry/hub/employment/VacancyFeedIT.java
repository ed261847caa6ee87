package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The labour ministry's vacancy feed through POST /intake/e4/vacancies: JSON and CSV, new vacancies,
 * updates and closures, idempotent on the vacancy id, a broken record dead-lettered while the others
 * are applied, and who may send it.
 */
class VacancyFeedIT extends HubIntegrationTest {

    private final String prefix = "T-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    @DisplayName("a JSON feed creates, updates and closes vacancies; a broken record is dead-lettered with every reason and the rest applied")
    void jsonFeed() {
        var first = postVacancies(json(vacancy("1", "сварщик", "KZ-75"), vacancy("2", "токарь", "KZ-75"),
                vacancy("3", "повар", "KZ-71")), "application/json", "labour-demo");
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertCounts(first.body(), 3, 3, 0, 0, 0, 0);

        Map<String, Object> raised = vacancy("1", "сварщик", "KZ-75");
        raised.put("salary", 450000);
        raised.put("district", "KZ-75-ALM");
        Map<String, Object> broken = vacancy("4", "маляр", "KZ-99");
        broken.remove("employer");
        broken.put("district", "KZ-71-ALM");
        broken.put("salary", "много");
        broken.put("openedOn", "2026-13-01");
        var second = postVacancies(json(raised, vacancy("2", "токарь", "KZ-75"), closed("3"), broken, closed("never-sent")),
                "application/json", "labour-demo");

        assertThat(second.status()).as("%s", second.body()).isEqualTo(200);
        assertCounts(second.body(), 5, 0, 1, 2, 1, 1);
        JsonNode rejection = second.body().get("rejections").get(0);
        assertThat(rejection.get("record").asLong()).isEqualTo(4);
        assertThat(rejection.get("vacancyId").asString()).isEqualTo(prefix + "4");
        assertThat(rejection.get("errors").valueStream().map(e -> e.get("field").asString() + ":" + e.get("rule").asString()).toList())
                .containsExactlyInAnyOrder("employer:required", "region:region.unknown", "district:district.region",
                        "salary:number", "openedOn:date");
        assertThat(rejection.get("errors").get(0).get("message").asString()).isNotBlank();
        String deadLetter = rejection.get("deadLetterId").asString();
        assertThat(count("MATCH (d:DeadLetter {id: $id, exchange: 'E4', status: 'PENDING', replayTo: 'direct:e4-vacancy'}) "
                + "WHERE d.payload CONTAINS $vacancy RETURN count(d)", Map.of("id", deadLetter, "vacancy", prefix + "4")))
                .isEqualTo(1);

        assertThat(stored("1")).containsEntry("salary", 450000L).containsEntry("districtCode", "KZ-75-ALM");
        assertThat(stored("3")).as("closed, so removed").isNull();
        assertThat(stored("4")).isNull();
    }

    @Test
    @DisplayName("the same feed again changes nothing: every record unchanged, not one vacancy written")
    void idempotent() {
        assertCounts(postVacancies(json(vacancy("1", "электромонтёр", "KZ-75"), vacancy("2", "каменщик", "KZ-79"),
                vacancy("3", "кровельщик", "KZ-79")), "application/json", "labour-demo").body(), 3, 3, 0, 0, 0, 0);
        Map<String, Object> moved = vacancy("2", "каменщик", "KZ-75");
        String feed = json(vacancy("1", "электромонтёр", "KZ-75"), moved, closed("3"));
        assertCounts(postVacancies(feed, "application/json", "labour-demo").body(), 3, 0, 1, 1, 1, 0);
        Object first = stored("1").get("updatedAt");
        Object second = stored("2").get("updatedAt");

        var again = postVacancies(feed, "application/json", "labour-demo");

        assertCounts(again.body(), 3, 0, 0, 3, 0, 0);
        assertThat(stored("1").get("updatedAt")).isEqualTo(first);
        assertThat(stored("2").get("updatedAt")).isEqualTo(second);
        assertThat(stored("3")).isNull();
        // the same vacancy with its fields in another order, as CSV, is the same vacancy
        String csv = "openedOn,region,position,employer,speciality,status,id\n"
                + LocalDate.now() + ",KZ-75,электромонтёр,ТОО «Жұмыс»,электромонтёр,OPEN," + prefix + "1\n";
        assertCounts(postVacancies(csv, "text/csv", "labour-demo").body(), 1, 0, 0, 1, 0, 0);
    }

    @Test
    @DisplayName("a CSV feed (semicolons, a BOM, quoted text) updates and closes what JSON created; a broken row is dead-lettered and the others applied")
    void csvFeed() {
        assertCounts(postVacancies(json(vacancy("1", "сварщик", "KZ-75"), vacancy("2", "плотник", "KZ-75")),
                "application/json", "labour-demo").body(), 2, 2, 0, 0, 0, 0);
        String csv = "\uFEFFid;status;employer;position;speciality;occupationCode;qualificationLevel;region;district;salary;"
                + "currency;conditions;acceptsCriminalRecord;openedOn\n"
                + prefix + "1;OPEN;\"ТОО «Сварка; и сыновья»\";электросварщик;сварщик;7212;3;KZ-75;KZ-75-BOS;380000;KZT;"
                + "\"вахта 15/15, общежитие\";true;" + LocalDate.now() + "\n"
                + prefix + "2;CLOSED;;;;;;;;;;;;\n"
                + prefix + "5;OPEN;ИП Ахметов;грузчик;грузчик;;9;KZ-75;;;;;да;" + LocalDate.now() + "\n"
                + prefix + "6;OPEN;ИП Ахметов;дворник;дворник;;;KZ-75;;;;;;" + LocalDate.now() + "\n";

        var reply = postVacancies(csv, "text/csv; charset=UTF-8", "labour-demo");

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertCounts(reply.body(), 4, 1, 1, 0, 1, 1);
        assertThat(reply.body().get("rejections").get(0).get("errors").valueStream()
                .map(e -> e.get("field").asString() + ":" + e.get("rule").asString()).toList())
                .containsExactlyInAnyOrder("qualificationLevel:range", "acceptsCriminalRecord:boolean");
        assertThat(stored("1")).containsEntry("employer", "ТОО «Сварка; и сыновья»").containsEntry("occupationCode", "7212")
                .containsEntry("qualificationLevel", 3L).containsEntry("acceptsCriminalRecord", true)
                .containsEntry("conditions", "вахта 15/15, общежитие");
        assertThat(stored("2")).isNull();
        assertThat(stored("6")).containsEntry("position", "дворник");
    }

    @Test
    @DisplayName("JSON lines: a line that is no JSON is a dead letter of its own, and the lines after it are applied")
    void jsonLines() {
        String lines = JSON.writeValueAsString(vacancy("1", "слесарь", "KZ-75")) + "\n"
                + "{\"id\": \"" + prefix + "2\", \"status\": \n"
                + JSON.writeValueAsString(vacancy("3", "штукатур", "KZ-75")) + "\n";

        var reply = postVacancies(lines, "application/x-ndjson", "labour-demo");

        assertCounts(reply.body(), 3, 2, 0, 0, 0, 1);
        assertThat(reply.body().get("rejections").get(0).get("errors").get(0).get("rule").asString()).isEqualTo("json");
        assertThat(stored("3")).isNotNull();
    }

    @Test
    @DisplayName("a dead-lettered record, corrected by an intake operator, is applied by its replay")
    void replay() {
        Map<String, Object> broken = vacancy("1", "сантехник", "KZ-75");
        broken.put("region", "KZ-00");
        String deadLetter = postVacancies(json(broken), "application/json", "labour-demo").body()
                .get("rejections").get(0).get("deadLetterId").asString();
        broken.put("region", "KZ-75");

        var replayed = graphQl("kuis-demo").documentName("replayDeadLetter").variable("id", deadLetter)
                .variable("correctedPayload", JSON.writeValueAsString(broken)).executeSync();

        assertThat(replayed.getErrors()).isEmpty();
        assertThat((Object) replayed.field("replayDeadLetter.accepted").getValue()).isEqualTo(true);
        assertThat(stored("1")).containsEntry("regionCode", "KZ-75");
    }

    @Test
    @DisplayName("only the labour side publishes vacancies: a health body with the same role is 403 and logged, other forms 415, a bad CSV header 400 before any record")
    void refusals() {
        String endUser = DisclosureLog.uniqueEndUser("vacancies");
        int status = http.post().uri("/intake/e4/vacancies")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("health-demo"))
                .header("X-End-User", endUser).header("X-Purpose", PURPOSE)
                .contentType(MediaType.APPLICATION_JSON).body(json(vacancy("1", "санитар", "KZ-75")))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(403);
        assertThat(stored("1")).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", "KZ-UZ-75"), endUser))
                        .singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")));

        assertThat(postVacancies(json(vacancy("1", "санитар", "KZ-75")), "application/json", "ngo-demo").status())
                .as("no role for it").isEqualTo(403);
        assertThat(postVacancies("id,status\n" + prefix + "1,OPEN\n", "text/plain", "labour-demo").status()).isEqualTo(415);
        var badHeader = postVacancies("id,status,salry\n" + prefix + "1,OPEN,1\n", "text/csv", "labour-demo");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.body().get("status").asString()).isEqualTo("REFUSED");
        assertThat(badHeader.body().get("errors").get(0).get("rule").asString()).isEqualTo("csv.header");
    }

    @Test
    @DisplayName("broken JSON in an array stops the feed: 400 naming where, the records before it applied")
    void brokenArray() {
        String feed = "[" + JSON.writeValueAsString(vacancy("1", "бетонщик", "KZ-75")) + ", {\"id\": ]";

        var reply = postVacancies(feed, "application/json", "labour-demo");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("status").asString()).isEqualTo("STOPPED");
        assertThat(reply.body().get("error").get("rule").asString()).isEqualTo("json");
        assertThat(reply.body().get("accepted").asLong()).isEqualTo(1);
        assertThat(stored("1")).isNotNull();
    }

    @Test
    @DisplayName("a gzip feed of 2.5 MB once inflated, past the 1 MB of every other channel, is inflated as it is read and applied; the release intake still refuses such a body")
    void compressedAndLargerThanOtherChannels() throws Exception {
        StringBuilder lines = new StringBuilder();
        StringBuilder closures = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            Map<String, Object> vacancy = vacancy("gz-" + i, "монтажник", "BY-HM");
            vacancy.put("conditions", "Вахта, общежитие, спецодежда, обучение на месте. ".repeat(16));
            lines.append(JSON.writeValueAsString(vacancy)).append('\n');
            closures.append(JSON.writeValueAsString(closed("gz-" + i))).append('\n');
        }
        byte[] inflated = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var compressed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(inflated);
        }
        assertThat(inflated.length).isGreaterThan(2_000_000);

        var reply = http.post().uri("/intake/e4/vacancies")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("labour-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE).header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(compressed.toByteArray())
                .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                        JSON.readTree(response.getBody().readAllBytes())));
        int releases = http.post().uri("/intake/releases")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("kuis-demo"))
                .header("X-End-User", END_USER).header("X-Purpose", PURPOSE).header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(MediaType.APPLICATION_JSON).body(compressed.toByteArray())
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertCounts(reply.body(), 1500, 1500, 0, 0, 0, 0);
        assertThat(releases).as("every other channel keeps its limit").isEqualTo(413);
        assertCounts(postVacancies(closures.toString(), "application/x-ndjson", "labour-demo").body(), 1500, 0, 0, 0, 1500, 0);
    }

    private Map<String, Object> vacancy(String id, String speciality, String region) {
        Map<String, Object> vacancy = new LinkedHashMap<>();
        vacancy.put("id", prefix + id);
        vacancy.put("status", "OPEN");
        vacancy.put("employer", "ТОО «Жұмыс»");
        vacancy.put("position", speciality);
        vacancy.put("speciality", speciality);
        vacancy.put("region", region);
        vacancy.put("openedOn", LocalDate.now().toString());
        return vacancy;
    }

    private Map<String, Object> closed(String id) {
        return new LinkedHashMap<>(Map.of("id", prefix + id, "status", "CLOSED"));
    }

    @SafeVarargs
    private static String json(Map<String, Object>... vacancies) {
        return JSON.writeValueAsString(List.of(vacancies));
    }

    private static void assertCounts(JsonNode answer, long records, long accepted, long updated, long unchanged, long closed,
                                     long rejected) {
        Map<String, Long> counts = List.of("records", "accepted", "updated", "unchanged", "closed", "rejected").stream()
                .collect(Collectors.toMap(k -> k, k -> answer.get(k).asLong(), (a, b) -> a, LinkedHashMap::new));
        assertThat(counts).as("%s", answer).containsExactly(Map.entry("records", records), Map.entry("accepted", accepted),
                Map.entry("updated", updated), Map.entry("unchanged", unchanged), Map.entry("closed", closed),
                Map.entry("rejected", rejected));
    }

    private Map<String, Object> stored(String id) {
        var rows = driver.executableQuery("MATCH (v:Vacancy {id: $id}) RETURN v").withParameters(Map.of("id", prefix + id))
                .execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get("v").asMap();
    }
}
