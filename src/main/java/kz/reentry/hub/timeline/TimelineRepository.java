package kz.reentry.hub.timeline;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

/**
 * A person's case as one ordered list of what happened, gathered from every area of the graph. The
 * note of a health measure's update is health data (MeasureUpdate.note in the access policy): it is
 * left out of the summary for callers the policy does not show it to.
 */
@Repository
class TimelineRepository {

    private static final String TIMELINE = """
            MATCH (p:Person {id: $personId})
            CALL (p) {
              MATCH (p)-[:WAS]->(s:PersonState)
              RETURN s.receivedAt AS at, 'STATE' AS kind,
                     s.kind + ' from ' + toString(s.from) + coalesce(' to ' + toString(s.to), '') AS summary,
                     s.sourceSystem AS actor
              UNION ALL
              MATCH (m:InboundMessage)-[:CONCERNS]->(p)
              RETURN m.receivedAt AS at, 'MESSAGE' AS kind,
                     m.exchange + ' message ' + m.messageId + ' received by ' + m.channel AS summary, m.sender AS actor
              UNION ALL
              MATCH (p)-[:SERVED|ENDS_WITH*0..2]->(n)-[:PREVIOUSLY]->(r:Revision)
              RETURN r.supersededAt AS at, 'CORRECTION' AS kind,
                     'corrected ' + head(labels(n)) + ': ' + reduce(s = '', f IN r.fields | s + f + ' ') AS summary,
                     r.supersededByMessageId AS actor
              UNION ALL
              MATCH (p)-[:HAS_PROGRAMME]->(prog:Programme)-[:DRAWN_UP_BY]->(author:Party)
              RETURN prog.createdAt AS at, 'PROGRAMME' AS kind, 'programme drawn up' AS summary, author.code AS actor
              UNION ALL
              MATCH (p)-[:HAS_PROGRAMME]->(:Programme)-[:HAS_MEASURE]->(m:Measure)-[:UPDATED]->(u:MeasureUpdate)
              RETURN u.at AS at, 'MEASURE' AS kind,
                     m.domain + ' measure ' + u.status + ', due ' + toString(u.deadline) + ', ' + u.responsible
                     + coalesce(': ' + CASE WHEN m.domain <> 'HEALTH' OR $healthNotesShown THEN u.note END, '') AS summary,
                     u.agency AS actor
              UNION ALL
              MATCH (p)-[:ASSESSED]->(a:Assessment)-[:BY]->(assessor:Party)
              RETURN a.recordedAt AS at, 'ASSESSMENT' AS kind, 'risk ' + a.riskLevel + ' (' + a.instrument + ')' AS summary,
                     assessor.code AS actor
              UNION ALL
              MATCH (p)-[:REFERRED]->(r:Referral)-[:TRANSITION]->(t:ReferralTransition), (r)-[:TO]->(receiver:Party)
              RETURN t.at AS at, 'REFERRAL' AS kind, r.kind + ' referral to ' + receiver.code + ': ' + t.status AS summary,
                     t.agency AS actor
              UNION ALL
              MATCH (o:Obligation)-[:CONCERNS]->(p), (o)-[:OWED_BY]->(owner:Party)
              RETURN o.createdAt AS at, 'OBLIGATION' AS kind, o.kind + ' due ' + toString(o.dueOn) + ', ' + o.status AS summary,
                     owner.code AS actor
            }
            WITH at, kind, summary, actor
            WHERE $afterAt IS NULL OR at > $afterAt
               OR (at = $afterAt AND (kind > $afterKind OR (kind = $afterKind AND summary > $afterSummary)))
            RETURN at, kind, summary, actor
            ORDER BY at, kind, summary
            LIMIT $limit
            """;

    private final Driver driver;

    TimelineRepository(Driver driver) {
        this.driver = driver;
    }

    Connection<TimelineEvent> timeline(String personId, boolean healthNotesShown, int first, Cursor after) {
        List<TimelineEvent> rows = driver.executableQuery(TIMELINE).withParameters(Cypher.params(
                        "personId", personId, "healthNotesShown", healthNotesShown, "limit", first + 1,
                        "afterAt", after == null ? null : ZonedDateTime.parse(after.key(0)),
                        "afterKind", after == null ? null : after.key(1),
                        "afterSummary", after == null ? null : after.key(2)))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new TimelineEvent(personId, r.get("at").asZonedDateTime(), r.get("kind").asString(),
                        r.get("summary").asString(), r.get("actor").asString(null)))
                .toList();
        return Connection.ofOneExtra(rows, first, after != null,
                e -> new Cursor("timeline", List.of(e.at().toString(), e.kind(), e.summary())));
    }
}
