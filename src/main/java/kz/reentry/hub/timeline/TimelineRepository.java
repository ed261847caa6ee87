package kz.reentry.hub.timeline;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.security.HealthScope;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Repository;

/**
 * A person's case as one ordered list of what happened, gathered from every area of the graph, as
 * the caller may see it ({@link TimelineView}): a kind of event whose summary is made of a field the
 * caller does not see is left out; a correction names only the fields the caller sees, and one that
 * changed none of them is left out with its message id, as is the message that brought only such
 * changes; the note of a health measure's update is left out for callers who may not read it, and
 * HEALTH referrals, their E3 duties and messages and HEALTH measures for callers who may not know of
 * them (HealthScope).
 * Filtering happens in the query, so pages and cursors never count what the caller does not see.
 */
@Repository
class TimelineRepository {

    private static final String TIMELINE = """
            MATCH (p:Person {id: $personId})
            CALL (p) {
              MATCH (p)-[:WAS]->(s:PersonState)
              WHERE 'STATE' IN $kinds
              RETURN s.receivedAt AS at, 'STATE' AS kind,
                     s.kind + ' from ' + toString(s.from) + coalesce(' to ' + toString(s.to), '') AS summary,
                     s.sourceSystem AS actor
              UNION ALL
              MATCH (m:InboundMessage)-[:CONCERNS]->(p)
              WHERE 'MESSAGE' IN $kinds AND (m.exchange <> 'E3' OR $healthSeen)
              OPTIONAL MATCH (p)-[:SERVED|ENDS_WITH*0..2]->(n)-[:PREVIOUSLY]->(r:Revision {supersededByMessageId: m.messageId})
              WITH m, collect(size([f IN r.fields
                                    WHERE f IN coalesce($revisable[[l IN labels(n) WHERE l IN keys($revisable)][0]], [])]))
                      AS shownPerRevision
              WHERE size(shownPerRevision) = 0 OR any(shown IN shownPerRevision WHERE shown > 0)
              RETURN m.receivedAt AS at, 'MESSAGE' AS kind,
                     m.exchange + ' message ' + m.messageId + ' received by ' + m.channel AS summary, m.sender AS actor
              UNION ALL
              MATCH (p)-[:SERVED|ENDS_WITH*0..2]->(n)-[:PREVIOUSLY]->(r:Revision)
              WHERE 'CORRECTION' IN $kinds
              WITH r, [l IN labels(n) WHERE l IN keys($revisable)][0] AS type
              WITH r, type, [f IN r.fields WHERE f IN coalesce($revisable[type], [])] AS shown
              WHERE size(shown) > 0
              RETURN r.supersededAt AS at, 'CORRECTION' AS kind,
                     'corrected ' + type + ': ' + reduce(s = '', f IN shown | s + f + ' ') AS summary,
                     r.supersededByMessageId AS actor
              UNION ALL
              MATCH (p)-[:HAS_PROGRAMME]->(prog:Programme)-[:DRAWN_UP_BY]->(author:Party)
              WHERE 'PROGRAMME' IN $kinds
              RETURN prog.createdAt AS at, 'PROGRAMME' AS kind, 'programme drawn up' AS summary, author.code AS actor
              UNION ALL
              MATCH (p)-[:HAS_PROGRAMME]->(prog:Programme)-[:HAS_MEASURE]->(m:Measure)-[:UPDATED]->(u:MeasureUpdate)
              WHERE 'MEASURE' IN $kinds AND %s
              RETURN u.at AS at, 'MEASURE' AS kind,
                     m.domain + ' measure ' + u.status + ', due ' + toString(u.deadline) + ', ' + u.responsible
                     + coalesce(': ' + CASE WHEN m.domain <> 'HEALTH' OR $healthNotesShown THEN u.note END, '') AS summary,
                     u.agency AS actor
              UNION ALL
              MATCH (p)-[:ASSESSED]->(a:Assessment)-[:BY]->(assessor:Party)
              WHERE 'ASSESSMENT' IN $kinds
              RETURN a.recordedAt AS at, 'ASSESSMENT' AS kind, 'risk ' + a.riskLevel + ' (' + a.instrument + ')' AS summary,
                     assessor.code AS actor
              UNION ALL
              MATCH (p)-[:REFERRED]->(r:Referral)-[:TRANSITION]->(t:ReferralTransition), (r)-[:TO]->(receiver:Party)
              WHERE 'REFERRAL' IN $kinds AND (r.kind <> 'HEALTH' OR $healthSeen OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
                AND (NOT $ownReferralsOnly OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
              RETURN t.at AS at, 'REFERRAL' AS kind, r.kind + ' referral to ' + receiver.code + ': ' + t.status
                     + CASE WHEN r.kind = 'NGO_CASE' AND t.status = 'COMPLETED' THEN coalesce(' (' + r.outcome + ')', '') ELSE '' END
                     + CASE WHEN r.kind = 'NGO_CASE' AND t.status IN ['COMPLETED', 'HANDED_BACK'] AND $caseNotesShown
                            THEN coalesce(': ' + t.note, '') ELSE '' END AS summary,
                     t.agency AS actor
              UNION ALL
              MATCH (p)-[:REFERRED]->(r:Referral {kind: 'NGO_CASE'})-[:CONTACT|MEASURE_TAKEN]->(w)
              WHERE 'CASE_WORK' IN $kinds
                AND (NOT $ownReferralsOnly OR EXISTS { (r)-[:FROM|TO]->(:Party {code: $healthAgency}) })
              RETURN w.recordedAt AS at, 'CASE_WORK' AS kind,
                     CASE WHEN w:CaseContact THEN 'NGO contact ' + w.kind
                          ELSE 'NGO measure ' + w.domain + coalesce(' for programme measure ' + [(w)-[:FOR_MEASURE]->(m:Measure) | m.id][0], '')
                     END + ' on ' + toString(w.on) + coalesce(': ' + CASE WHEN $caseNotesShown THEN w.note END, '') AS summary,
                     w.agency AS actor
              UNION ALL
              MATCH (o:Obligation)-[:CONCERNS]->(p), (o)-[:OWED_BY]->(owner:Party)
              WHERE 'OBLIGATION' IN $kinds AND (o.kind <> 'E3_HANDOFF_ACKNOWLEDGEMENT' OR $healthSeen OR EXISTS { (o)-[:OWED_BY]->(:Party {code: $healthAgency}) })
              RETURN o.createdAt AS at, 'OBLIGATION' AS kind, o.kind + ' due ' + toString(o.dueOn) + ', ' + o.status AS summary,
                     owner.code AS actor
            }
            WITH at, kind, summary, actor
            WHERE $afterAt IS NULL OR at > $afterAt
               OR (at = $afterAt AND (kind > $afterKind OR (kind = $afterKind AND summary > $afterSummary)))
            RETURN at, kind, summary, actor
            ORDER BY at, kind, summary
            LIMIT $limit
            """.formatted(HealthScope.measureSeen("m", "prog"));

    private final Driver driver;

    TimelineRepository(Driver driver) {
        this.driver = driver;
    }

    Connection<TimelineEvent> timeline(String personId, TimelineView view, HealthScope health, int first, Cursor after) {
        List<TimelineEvent> rows = driver.executableQuery(TIMELINE).withParameters(health.addedTo(Cypher.params(
                        "personId", personId, "kinds", view.kinds(), "revisable", view.revisable(),
                        "healthNotesShown", view.healthNotesShown(), "caseNotesShown", view.caseNotesShown(),
                        "limit", first + 1,
                        "afterAt", after == null ? null : ZonedDateTime.parse(after.key(0)),
                        "afterKind", after == null ? null : after.key(1),
                        "afterSummary", after == null ? null : after.key(2))))
                .withConfig(Cypher.READ).execute().records().stream()
                .map(r -> new TimelineEvent(personId, r.get("at").asZonedDateTime(), r.get("kind").asString(),
                        r.get("summary").asString(), r.get("actor").asString(null)))
                .toList();
        return Connection.ofOneExtra(rows, first, after != null,
                e -> new Cursor("timeline", List.of(e.at().toString(), e.kind(), e.summary())));
    }
}
