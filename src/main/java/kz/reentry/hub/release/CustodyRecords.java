package kz.reentry.hub.release;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.history.RevisedWrite;
import kz.reentry.hub.history.RevisionDiff;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * The custody episode and the planned release of an E5 record, each merged on its key, the values they
 * replace kept as revisions. Keys: an episode by IIN and start of term (the penal system sends no
 * episode number of its own); the planned release by its episode.
 */
@Component
class CustodyRecords {

    private static final String CURRENT_EPISODE = """
            MATCH (e:CustodyEpisode {id: $key})
            OPTIONAL MATCH (e)-[:AT]->(i:Institution)
            RETURN e {.article, .court, .termStart, .termEnd, .formalParoleDate, institution: i.code} AS current
            """;
    private static final String WRITE_EPISODE = """
            MATCH (p:Person {iin: $iin}), (i:Institution {code: $values.institution})
            MERGE (e:CustodyEpisode {id: $key})
            ON CREATE SET e.createdAt = $now
            SET e.article = $values.article, e.court = $values.court,
                e.termStart = $values.termStart, e.termEnd = $values.termEnd,
                e.formalParoleDate = $values.formalParoleDate,
                e.updatedAt = $now, e.sourceMessageId = $messageId
            MERGE (p)-[:SERVED]->(e)
            FOREACH (previous IN $revisions | CREATE (e)-[:PREVIOUSLY]->(r:Revision) SET r = previous)
            WITH e, i
            OPTIONAL MATCH (e)-[moved:AT]->(other:Institution) WHERE other <> i
            DELETE moved
            WITH DISTINCT e, i
            MERGE (e)-[:AT]->(i)
            """;

    private static final String CURRENT_RELEASE = """
            MATCH (r:PlannedRelease {id: $key})
            OPTIONAL MATCH (r)-[:RESIDENCE_IN]->(region:Region)
            RETURN r {.date, .type, .housing, .capacityToWork, .specialities, .residenceDistrict,
                      residenceRegion: region.code} AS current
            """;
    private static final String WRITE_RELEASE = """
            MATCH (e:CustodyEpisode {id: $episodeId}), (region:Region {code: $values.residenceRegion})
            MERGE (r:PlannedRelease {id: $key})
            ON CREATE SET r.createdAt = $now
            SET r.date = $values.date, r.type = $values.type, r.housing = $values.housing,
                r.capacityToWork = $values.capacityToWork, r.specialities = $values.specialities,
                r.residenceDistrict = $values.residenceDistrict,
                r.updatedAt = $now, r.sourceMessageId = $messageId
            MERGE (e)-[:ENDS_WITH]->(r)
            FOREACH (previous IN $revisions | CREATE (r)-[:PREVIOUSLY]->(rev:Revision) SET rev = previous)
            WITH r, region
            OPTIONAL MATCH (r)-[moved:RESIDENCE_IN]->(other:Region) WHERE other <> region
            DELETE moved
            WITH DISTINCT r, region
            MERGE (r)-[:RESIDENCE_IN]->(region)
            """;

    private static final RevisedWrite.Statements EPISODE = RevisedWrite.Statements.of(CURRENT_EPISODE, WRITE_EPISODE);
    private static final RevisedWrite.Statements RELEASE = RevisedWrite.Statements.of(CURRENT_RELEASE, WRITE_RELEASE);

    static String episodeId(ReleaseRecord record) {
        return record.person().iin() + "/" + record.custody().termStart();
    }

    static String releaseId(ReleaseRecord record) {
        return episodeId(record) + "/release";
    }

    RevisionDiff.Outcome fileEpisode(TransactionContext tx, ReleaseRecord record, RevisedWrite.Source source) {
        return RevisedWrite.write(tx, EPISODE, episodeId(record), episodeValues(record), source,
                Map.of("iin", record.person().iin()));
    }

    RevisionDiff.Outcome filePlannedRelease(TransactionContext tx, ReleaseRecord record, RevisedWrite.Source source) {
        return RevisedWrite.write(tx, RELEASE, releaseId(record), releaseValues(record), source,
                Map.of("episodeId", episodeId(record)));
    }

    /** A record of a group and its message, for the steps that file many records at once. */
    record Sourced(ReleaseRecord record, RevisedWrite.Source source) {
    }

    /** {@link #fileEpisode} for records of as many episodes (each once), in two statements. */
    List<RevisionDiff.Outcome> fileEpisodes(TransactionContext tx, List<Sourced> records) {
        return RevisedWrite.writeAll(tx, EPISODE, records.stream().map(r -> new RevisedWrite.Row(
                episodeId(r.record()), episodeValues(r.record()), r.source(), Map.of("iin", r.record().person().iin())))
                .toList());
    }

    /** {@link #filePlannedRelease} for records of as many episodes (each once), in two statements. */
    List<RevisionDiff.Outcome> filePlannedReleases(TransactionContext tx, List<Sourced> records) {
        return RevisedWrite.writeAll(tx, RELEASE, records.stream().map(r -> new RevisedWrite.Row(
                releaseId(r.record()), releaseValues(r.record()), r.source(), Map.of("episodeId", episodeId(r.record()))))
                .toList());
    }

    private static Map<String, Object> episodeValues(ReleaseRecord record) {
        var custody = record.custody();
        return Cypher.params("article", custody.article(), "court", custody.court(),
                "termStart", custody.termStart(), "termEnd", custody.termEnd(),
                "formalParoleDate", custody.formalParoleDate(), "institution", record.institution().code());
    }

    private static Map<String, Object> releaseValues(ReleaseRecord record) {
        var release = record.release();
        return Cypher.params("date", release.date(), "type", release.type().name(),
                "residenceRegion", release.residenceRegion(), "housing", release.housing(),
                "capacityToWork", release.capacityToWork(), "specialities", release.specialities(),
                "residenceDistrict", release.residenceDistrict());
    }
}
