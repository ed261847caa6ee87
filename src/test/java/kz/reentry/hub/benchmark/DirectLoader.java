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
            ON CREATE SET p.id = randomUUID(), p.createdAt = $now, p.cellKey = toInteger(rand() * 4294967296),
                          p.jurisdiction = 'KZ'
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
                custody.sourceSystem = 'E5:bench', custody.sourceMessageId = row.messageId, custody.receivedAt = $now,
                custody.regionCode = custodyRegion.code
            MERGE (p)-[:WAS]->(custody)
            MERGE (custody)-[:IN_REGION]->(custodyRegion)
            FOREACH (_ IN CASE WHEN row.releaseDate <= $today THEN [1] ELSE [] END |
              MERGE (released:PersonState {id: row.episodeId + '/released'})
              SET released.kind = 'RELEASED', released.from = row.releaseDate, released.releaseType = row.releaseType,
                  released.sourceSystem = 'bench', released.receivedAt = $now, released.regionCode = residence.code
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

    /** The rest of a case, in the shape ProgrammeRepository and ReferralRepository write it. */
    private static final String CASES = """
            UNWIND $rows AS row
            MATCH (p:Person {iin: row.iin})-[:SERVED]->(:CustodyEpisode {id: row.episodeId})-[:ENDS_WITH]->(release:PlannedRelease)
            CALL (release, row) {
              MATCH (district:District {code: row.district})
              MERGE (release)-[:IN_DISTRICT]->(district)
            }
            CALL (p, row) {
              UNWIND CASE WHEN size(row.measures) = 0 THEN [] ELSE [row.programmeId] END AS programmeId
              MATCH (author:Party {code: row.institution})
              MERGE (prog:Programme {id: programmeId})
              ON CREATE SET prog.status = 'ACTIVE', prog.createdAt = $now, prog.createdBy = 'bench', prog.updatedAt = $now
              MERGE (p)-[:HAS_PROGRAMME]->(prog)
              MERGE (prog)-[:DRAWN_UP_BY]->(author)
              WITH prog, row
              UNWIND row.measures AS m
              MATCH (responsible:Party {code: m.responsible})
              MERGE (measure:Measure {id: m.id})
              ON CREATE SET measure.domain = m.domain, measure.description = m.description, measure.deadline = m.deadline,
                            measure.status = m.status, measure.createdAt = $now
              MERGE (prog)-[:HAS_MEASURE]->(measure)
              MERGE (measure)-[:RESPONSIBLE]->(responsible)
              MERGE (measure)-[:UPDATED]->(:MeasureUpdate {at: $now, by: 'bench', agency: row.institution, status: m.status,
                                                          deadline: m.deadline, responsible: m.responsible, note: 'drawn up'})
            }
            CALL (p, row) {
              UNWIND row.referrals AS ref
              MATCH (sender:Party {code: ref.from}), (receiver:Party {code: ref.to})
              MERGE (r:Referral {id: ref.id})
              ON CREATE SET r.kind = ref.kind, r.status = last(ref.path), r.reason = ref.reason,
                            r.requestedAt = $now - duration({days: 30}),
                            r.updatedAt = $now - duration({days: 31 - size(ref.path)}), r.change = ref.change
              MERGE (p)-[:REFERRED]->(r)
              MERGE (r)-[:FROM]->(sender)
              MERGE (r)-[:TO]->(receiver)
              WITH r, ref
              UNWIND range(0, size(ref.path) - 1) AS step
              MERGE (r)-[:TRANSITION]->(:ReferralTransition {status: ref.path[step], at: $now - duration({days: 30 - step}),
                                                             by: 'bench', agency: CASE step WHEN 0 THEN ref.from ELSE ref.to END})
            }
            """;
    /** myAssignedCases syncs on the referral change number; the next change the hub makes must follow ours. */
    private static final String CHANGE_SEQUENCE = """
            MATCH (r:Referral) WITH max(r.change) AS last
            MERGE (seq:Sequence {name: 'referral-changes'})
            SET seq.value = CASE WHEN coalesce(seq.value, 0) > last THEN seq.value ELSE last END
            """;
    /** The generated NGOs, in the shape of the demo ones (graph-model R__03), each under a memorandum with its akimat. */
    private static final String NGOS = """
            UNWIND $rows AS n
            MATCH (kz:Jurisdiction {code: 'KZ'}), (counterpart:Agency {code: n.with}), (region:Region {code: n.region})
            MERGE (ngo:Ngo {code: n.code})
            SET ngo:Party, ngo.kind = 'NGO', ngo.name = n.name, ngo.capacity = n.capacity, ngo.jurisdiction = 'KZ'
            MERGE (ngo)-[:IN_JURISDICTION]->(kz)
            MERGE (agreement:Agreement {id: n.agreement})
            SET agreement.kind = 'MEMORANDUM', agreement.validFrom = date('2026-01-01'), agreement.validTo = date('2028-12-31')
            MERGE (ngo)-[:PARTY_TO]->(agreement)
            MERGE (counterpart)-[:PARTY_TO]->(agreement)
            MERGE (agreement)-[:COVERS]->(region)
            MERGE (ngo)-[:SERVES]->(region)
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

    public void ngos() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 0; n < NationalDataset.ngos(); n++) {
            String region = NationalDataset.ngoRegion(n);
            rows.add(Map.of("code", NationalDataset.ngoCode(n), "name", NationalDataset.ngoName(n), "capacity", 20 + n % 40,
                    "region", region, "with", "KZ-MIO-" + region.substring(3), "agreement", "MEM-" + NationalDataset.ngoCode(n)));
        }
        driver.executableQuery(NGOS).withParameters(Map.of("rows", rows)).execute();
    }

    /**
     * Writes records {@code from} (inclusive) to {@code to} (exclusive) in batches, with their cases
     * (programmes, referrals, districts) when {@code cases}; returns records per second.
     */
    public double load(NationalDataset data, int from, int to, int batchSize, boolean cases) {
        long started = System.nanoTime();
        for (int start = from; start < to; start += batchSize) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int index = start; index < Math.min(to, start + batchSize); index++) {
                Map<String, Object> row = row(data.record(index));
                if (cases) {
                    addCase(row, data.caseFile(index), index);
                }
                rows.add(row);
            }
            var parameters = Map.<String, Object>of("rows", rows, "now", ZonedDateTime.now(), "today", NationalDataset.TODAY);
            driver.executableQuery(RECORDS).withParameters(parameters).execute();
            if (cases) {
                driver.executableQuery(CASES).withParameters(parameters).execute();
            }
        }
        if (cases) {
            driver.executableQuery(CHANGE_SEQUENCE).execute();
        }
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    private static void addCase(Map<String, Object> row, NationalDataset.CaseFile file, int index) {
        String prefix = "bench-" + row.get("iin");
        row.put("district", file.district() == null ? "" : file.district());
        row.put("programmeId", prefix + "/programme");
        List<Map<String, Object>> measures = new ArrayList<>();
        for (int m = 0; m < file.programme().size(); m++) {
            var measure = file.programme().get(m);
            measures.add(Map.of("id", prefix + "/measure-" + m, "domain", measure.domain(), "description", measure.description(),
                    "responsible", measure.responsible(), "deadline", measure.deadline(), "status", measure.status()));
        }
        row.put("measures", measures);
        List<Map<String, Object>> referrals = new ArrayList<>();
        for (int k = 0; k < file.referrals().size(); k++) {
            var referral = file.referrals().get(k);
            // unique and in the order of the dataset, like the hub's own sequence
            referrals.add(Map.of("id", prefix + "/referral-" + k, "kind", referral.kind(), "from", referral.from(),
                    "to", referral.to(), "reason", referral.reason(), "path", referral.path(), "change", index * 4L + k + 1));
        }
        row.put("referrals", referrals);
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
