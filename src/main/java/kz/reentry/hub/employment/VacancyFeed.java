package kz.reentry.hub.employment;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import kz.reentry.hub.edge.RequestBodyTooLarge;
import kz.reentry.hub.exchange.DeadLetterStore;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.RefusalLog;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The labour ministry's vacancy feed (E4, docs/exchanges/e4.md "Vacancies"), the steps of
 * camel-routes/e4-vacancies.camel.yaml: {@link #open} the body as a stream of records, hand them out a
 * chunk at a time ({@link #chunks}), {@link #apply} each chunk (records that break a rule are
 * dead-lettered one by one, the others applied in one transaction), and {@link #answer} with what
 * became of them. Idempotent on the vacancy id: the same vacancy again updates it, an unchanged one
 * writes nothing, a closed one is removed. {@link #one} applies a single record (a dead letter replayed).
 */
@Component("vacancyFeed")
public class VacancyFeed {

    static final String EXCHANGE = "E4";
    static final String REPLAY_TO = "direct:e4-vacancy";
    /** Records applied in one transaction. */
    static final int CHUNK = 500;
    /** Rejected records named one by one in the answer; the rest are counted (all are dead letters). */
    static final int LISTED_REJECTIONS = 1000;
    /** The kinds of party whose systems publish vacancies: the labour ministry and its employment centres. */
    private static final Set<String> PUBLISHERS = Set.of("LABOUR", "EMPLOYMENT_CENTRE");
    /** The exchange property the feed's progress is kept in (Java side only: the route never names it). */
    private static final String FEED = "e4VacancyFeed";
    private static final Logger log = LoggerFactory.getLogger(VacancyFeed.class);

    private final VacancyRecords records;
    private final VacancyRepository vacancies;
    private final DeadLetterStore deadLetters;
    private final CallerScopes scopes;
    private final RefusalLog refusals;
    private final JsonMapper json;

    VacancyFeed(VacancyRecords records, VacancyRepository vacancies, DeadLetterStore deadLetters, CallerScopes scopes,
                RefusalLog refusals, JsonMapper json) {
        this.records = records;
        this.vacancies = vacancies;
        this.deadLetters = deadLetters;
        this.scopes = scopes;
        this.refusals = refusals;
        this.json = json;
    }

    /** One feed being read: where it came from, and what became of its records so far. */
    static final class Feed {
        final String id = UUID.randomUUID().toString();
        final VacancyFeedReader reader;
        final IntakeContext context;
        long records;
        final Map<String, Long> outcomes = new LinkedHashMap<>();
        final List<Map<String, Object>> rejections = new ArrayList<>();
        /** Why the feed could not be read to its end, and the answer's HTTP status then. */
        FieldError stoppedBy;
        int stoppedStatus;

        Feed(VacancyFeedReader reader, IntakeContext context) {
            this.reader = reader;
            this.context = context;
            for (String outcome : List.of("ACCEPTED", "UPDATED", "UNCHANGED", "CLOSED", "REJECTED")) {
                outcomes.put(outcome, 0L);
            }
        }

        /** Whether another record can be read; a feed that cannot be read on stops here, with its reason. */
        boolean more() {
            if (stoppedBy != null) {
                return false;
            }
            try {
                return reader.hasNext();
            } catch (VacancyFeedReader.Broken e) {
                var tooLarge = cause(e, RequestBodyTooLarge.class);
                stoppedBy = tooLarge != null ? new FieldError("$", "feed.size", tooLarge.getMessage()) : e.error();
                stoppedStatus = tooLarge != null ? 413 : 400;
                return false;
            }
        }

        void counted(String outcome) {
            records++;
            outcomes.merge(outcome, 1L, Long::sum);
        }
    }

    /**
     * The first step: only the labour ministry's systems and employment centres publish vacancies (403
     * for any other client the role lets through, recorded as a refusal); the Content-Type decides the
     * form (415 for another), and the body is read from here on as it arrives.
     */
    public void open(Exchange exchange) throws IOException {
        var context = IntakeContext.of(exchange);
        String kind = Caller.authenticated().map(scopes::partyKind).orElse(null);
        if (!PUBLISHERS.contains(kind)) {
            refusals.refused(context.sender(), context.senderAgency(), context.endUser(), context.purpose(),
                    "403 POST /intake/e4/vacancies: not a labour-ministry system or employment centre");
            throw new VacancyFeedReader.Refused(403, new FieldError("token.agency", "vacancy.publisher",
                    "vacancies are published by the labour ministry's systems and the employment centres, not by a party of kind "
                            + kind));
        }
        InputStream body = exchange.getMessage().getBody(InputStream.class);
        var reader = VacancyFeedReader.open(body == null ? InputStream.nullInputStream() : body,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        exchange.setProperty(FEED, new Feed(reader, context));
    }

    /**
     * The splitter's expression: the records in chunks of up to {@link #CHUNK}, read as they are asked for.
     * A chunk holds each vacancy id once: a second record of the same vacancy starts the next chunk, so
     * the records of one vacancy are applied in the order the feed gives them.
     */
    public Iterator<List<VacancyFeedReader.FeedRecord>> chunks(Exchange exchange) {
        Feed feed = feed(exchange);
        return new Iterator<>() {
            private VacancyFeedReader.FeedRecord held;

            @Override
            public boolean hasNext() {
                return held != null || feed.more();
            }

            @Override
            public List<VacancyFeedReader.FeedRecord> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<VacancyFeedReader.FeedRecord> chunk = new ArrayList<>();
                Set<String> ids = new HashSet<>();
                if (held != null) {
                    chunk.add(held);
                    ids.add(held.vacancyId());
                    held = null;
                }
                while (chunk.size() < CHUNK && feed.more()) {
                    var record = feed.reader.next();
                    String id = record.vacancyId();
                    if (id != null && !ids.add(id)) {
                        held = record;
                        break;
                    }
                    chunk.add(record);
                }
                return chunk;
            }
        };
    }

    /** One chunk: every record checked, the broken ones dead-lettered, the others applied in one transaction. */
    public void apply(Exchange exchange) {
        Feed feed = feed(exchange);
        @SuppressWarnings("unchecked")
        List<VacancyFeedReader.FeedRecord> chunk = exchange.getMessage().getBody(List.class);
        Map<Long, VacancyRecords.Checked> checked = new LinkedHashMap<>();
        for (var record : chunk) {
            if (record.unreadable() != null) {
                reject(feed, record, null, List.of(record.unreadable()));
                continue;
            }
            try {
                checked.put(record.place(), records.check(record.fields()));
            } catch (RecordRejectedException e) {
                reject(feed, record, e.messageId(), e.errors());
            }
        }
        if (!checked.isEmpty()) {
            vacancies.apply(checked, feed.context.sender()).forEach(applied -> feed.counted(applied.outcome()));
        }
    }

    private void reject(Feed feed, VacancyFeedReader.FeedRecord record, String vacancyId, List<FieldError> errors) {
        var rejection = deadLetters.keep(new DeadLetterStore.Rejected(EXCHANGE, feed.context.channel(),
                feed.context.sender(), feed.context.senderAgency(), vacancyId, record.payload(), errors, REPLAY_TO, null, record.place()));
        feed.counted("REJECTED");
        if (feed.rejections.size() < LISTED_REJECTIONS) {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("record", record.place());
            listed.put("vacancyId", vacancyId);
            listed.put("deadLetterId", rejection.deadLetterId());
            listed.put("errors", errors);
            feed.rejections.add(listed);
        }
    }

    /**
     * After the last chunk: 200 when the feed was read to its end (rejected records included: they are
     * dead letters), 400 when it could not be read on, 413 when it went past its size; either way the
     * records before that point stand, and are counted.
     */
    public void answer(Exchange exchange) {
        Feed feed = feed(exchange);
        close(feed);
        String status = feed.stoppedBy == null ? "APPLIED" : feed.stoppedStatus == 413 ? "TOO_LARGE" : "STOPPED";
        log.info("Vacancy feed {} from {}: {} records, {}{}", feed.id, feed.context.sender(), feed.records, feed.outcomes,
                feed.stoppedBy == null ? "" : "; stopped: " + feed.stoppedBy.message());
        reply(exchange, feed.stoppedBy == null ? 200 : feed.stoppedStatus, summary(feed, status, feed.stoppedBy));
    }

    /**
     * The feed failed: refused before any record (403, 415, 400 naming the form or the header), or the
     * hub could not apply a chunk (503: what was applied before stands; the sender sends the feed again,
     * which changes nothing of what was applied).
     */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Feed feed = exchange.getProperty(FEED, Feed.class);
        if (feed != null) {
            close(feed);
        }
        var refused = cause(cause, VacancyFeedReader.Refused.class);
        if (refused != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "REFUSED");
            body.put("errors", refused.errors());
            reply(exchange, refused.status(), body);
            return;
        }
        String incident = UUID.randomUUID().toString();
        log.error("Vacancy feed {} could not be applied, incident {}", feed == null ? "?" : feed.id, incident, cause);
        Map<String, Object> body = feed == null ? new LinkedHashMap<>() : summary(feed, "NOT_FINISHED", null);
        body.put("status", "NOT_FINISHED");
        body.put("incident", incident);
        body.put("message", "The hub could not apply the rest of the feed; what is counted here was applied. "
                + "Send the feed again later: vacancies already applied are unchanged by it.");
        reply(exchange, 503, body);
    }

    /** One record alone, as JSON: a dead-lettered record of a feed replayed, as kept or corrected. */
    public void one(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode fields)) {
            throw new RecordRejectedException(null, new FieldError("$", "json", "a vacancy is a JSON object"));
        }
        var checked = records.check(fields);
        var context = IntakeContext.of(exchange);
        var applied = vacancies.apply(Map.of(1L, checked), context.sender());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("vacancyId", checked.id());
        reply.put("status", applied.getFirst().outcome());
        exchange.getMessage().setBody(reply);
    }

    private static Map<String, Object> summary(Feed feed, String status, FieldError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("records", feed.records);
        feed.outcomes.forEach((outcome, count) -> body.put(outcome.toLowerCase(java.util.Locale.ROOT), count));
        if (error != null) {
            body.put("error", error);
        }
        body.put("rejections", feed.rejections);
        if (feed.outcomes.get("REJECTED") > feed.rejections.size()) {
            body.put("rejectionsNotListed", feed.outcomes.get("REJECTED") - feed.rejections.size());
        }
        return body;
    }

    private void reply(Exchange exchange, int status, Object body) {
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writeValueAsString(body));
    }

    private static Feed feed(Exchange exchange) {
        return exchange.getProperty(FEED, Feed.class);
    }

    private static void close(Feed feed) {
        try {
            feed.reader.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a vacancy feed", e);
        }
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
