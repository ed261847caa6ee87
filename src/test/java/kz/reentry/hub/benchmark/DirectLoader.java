package kz.reentry.hub.benchmark;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.person.Transliteration;
import org.neo4j.driver.Driver;

/**
 * Writes release records straight into the graph with the plain driver, in UNWIND batches, in the
 * shape the hub's intake gives them (person and IIN identity, institution, custody episode, planned
 * release, the intake message, the custody and release states, the E1 obligation). It is both the
 * fast way to load a national dataset and the baseline the intake routes are measured against.
 */
public final class DirectLoader {

    private static final String INSTITUTIONS = """
            UNWIND $rows AS row
            MATCH (region:Region {code: row.region})
            MERGE (i:Institution {code: row.code})
            SET i:Party, i.name = row.name
            MERGE (i)-[:LOCATED_IN]->(region)
            WITH i, region
            OPTIONAL MATCH (operator:Agency {kind: 'PENAL_SYSTEM'})-[:SERVES]->(region)
            FOREACH (o IN CASE WHEN operator IS NULL THEN [] ELSE [operator] END | MERGE (i)-[:OPERATED_BY]->(o))
            """;
    private static final String RECORDS = """
            UNWIND $rows AS row
            MATCH (i:Institution {code: row.institution}), (residence:Region {code: row.residenceRegion}),
                  (custodyRegion:Region {code: row.institutionRegion})
            MERGE (p:Person {iin: row.iin})
            ON CREATE SET p.id = randomUUID(), p.createdAt = $now
            SET p.surname = row.surname, p.givenName = row.givenName, p.patronymic = row.patronymic,
                p.birthDate = row.birthDate, p.sex = row.sex, p.citizenship = row.citizenship,
                p.searchName = row.searchName, p.sourceMessageId = row.messageId, p.updatedAt = $now
            MERGE (identity:Identity {key: 'KZ_IIN:' + row.iin})
            ON CREATE SET identity.kind = 'KZ_IIN', identity.value = row.iin, identity.number = row.iin, identity.country = 'KZ'
            MERGE (p)-[:HAS_IDENTITY]->(identity)
            MERGE (e:CustodyEpisode {id: row.episodeId})
            SET e.article = row.article, e.court = row.court, e.termStart = row.termStart, e.termEnd = row.termEnd,
                e.createdAt = $now, e.updatedAt = $now, e.sourceMessageId = row.messageId
            MERGE (p)-[:SERVED]->(e)
            MERGE (e)-[:AT]->(i)
            MERGE (r:PlannedRelease {id: row.episodeId + '/release'})
            SET r.date = row.releaseDate, r.type = row.releaseType, r.housing = row.housing,
                r.capacityToWork = row.capacityToWork, r.specialities = row.specialities,
                r.createdAt = $now, r.updatedAt = $now, r.sourceMessageId = row.messageId
            MERGE (e)-[:ENDS_WITH]->(r)
            MERGE (r)-[:RESIDENCE_IN]->(residence)
            MERGE (custody:PersonState {id: row.episodeId + '/custody'})
            SET custody.kind = 'IN_CUSTODY', custody.from = row.termStart,
                custody.to = CASE WHEN row.releaseDate <= $today THEN row.releaseDate ELSE null END,
                custody.sourceSystem = 'E5:bench', custody.sourceMessageId = row.messageId, custody.receivedAt = $now
            MERGE (p)-[:WAS]->(custody)
            MERGE (custody)-[:IN_REGION]->(custodyRegion)
            FOREACH (_ IN CASE WHEN row.releaseDate <= $today THEN [1] ELSE [] END |
              MERGE (released:PersonState {id: row.episodeId + '/released'})
              SET released.kind = 'RELEASED', released.from = row.releaseDate, released.releaseType = row.releaseType,
                  released.sourceSystem = 'bench', released.receivedAt = $now
              MERGE (p)-[:WAS]->(released)
              MERGE (released)-[:IN_REGION]->(residence))
            MERGE (o:Obligation {id: row.episodeId + '/E1'})
            ON CREATE SET o.kind = 'E1_RELEASE_NOTICE', o.createdAt = $now,
                          o.status = CASE WHEN row.releaseDate <= $today THEN 'MET' ELSE 'OPEN' END
            SET o.dueOn = row.noticeDue
            MERGE (o)-[:CONCERNS]->(p)
            MERGE (o)-[:OWED_BY]->(i)
            MERGE (o)-[:IN_REGION]->(residence)
            MERGE (o)-[:FOR_RELEASE]->(r)
            CREATE (m:InboundMessage {messageId: row.messageId, exchange: 'E5', channel: 'direct', sender: 'bench',
                                      contentHash: row.contentHash, receivedAt: $now})
            CREATE (m)-[:CONCERNS]->(p)
            """;

    private final Driver driver;

    public DirectLoader(Driver driver) {
        this.driver = driver;
    }

    public void institutions() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 0; n < NationalDataset.institutions(); n++) {
            rows.add(Map.of("code", NationalDataset.institutionCode(n), "name", "Учреждение " + NationalDataset.institutionCode(n),
                    "region", NationalDataset.institutionRegion(n)));
        }
        driver.executableQuery(INSTITUTIONS).withParameters(Map.of("rows", rows)).execute();
    }

    /** Writes records {@code from} (inclusive) to {@code to} (exclusive) in batches; returns records per second. */
    public double load(NationalDataset data, int from, int to, int batchSize) {
        long started = System.nanoTime();
        for (int start = from; start < to; start += batchSize) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int index = start; index < Math.min(to, start + batchSize); index++) {
                rows.add(row(data.record(index)));
            }
            driver.executableQuery(RECORDS).withParameters(Map.of("rows", rows, "now", ZonedDateTime.now(),
                    "today", NationalDataset.TODAY)).execute();
        }
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> record) {
        var person = (Map<String, Object>) record.get("person");
        var institution = (Map<String, Object>) record.get("institution");
        var custody = (Map<String, Object>) record.get("custody");
        var release = (Map<String, Object>) record.get("release");
        String iin = (String) person.get("iin");
        LocalDate termEnd = LocalDate.parse((String) custody.get("termEnd"));
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("messageId", record.get("messageId"));
        row.put("contentHash", Sha256.hex(record.toString()));
        row.put("iin", iin);
        row.put("surname", person.get("surname"));
        row.put("givenName", person.get("givenName"));
        row.put("patronymic", person.get("patronymic"));
        row.put("birthDate", LocalDate.parse((String) person.get("birthDate")));
        row.put("sex", new Iin(iin).sex().name());
        row.put("citizenship", person.get("citizenship"));
        row.put("searchName", Transliteration.searchField((String) person.get("surname"), (String) person.get("givenName"),
                (String) person.get("patronymic")));
        row.put("institution", institution.get("code"));
        row.put("institutionRegion", institution.get("region"));
        row.put("episodeId", iin + "/" + custody.get("termStart"));
        row.put("article", custody.get("article"));
        row.put("court", custody.get("court"));
        row.put("termStart", LocalDate.parse((String) custody.get("termStart")));
        row.put("termEnd", termEnd);
        row.put("releaseDate", LocalDate.parse((String) release.get("date")));
        row.put("releaseType", release.get("type"));
        row.put("residenceRegion", release.get("residenceRegion"));
        row.put("housing", release.get("housing"));
        row.put("capacityToWork", release.get("capacityToWork"));
        row.put("specialities", release.get("specialities"));
        row.put("noticeDue", termEnd.minusYears(1));
        return row;
    }
}
