package kz.reentry.hub.employment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.InboundMessageLog;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.JsonMessages;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.programme.ProgrammeRepository;
import kz.reentry.hub.referral.ReferralMoves;
import kz.reentry.hub.security.Caller;
import org.apache.camel.Exchange;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * E4 back: the employment centre's system answers a referral with a structured outcome (JSON, the
 * steps of camel-routes/e4-employment-outcomes.camel.yaml). {@link #read} checks it: a message that
 * breaks a rule is rejected with every reason and kept as a dead letter, like E5; an outcome about a
 * referral the sender does not receive is as unknown as one about no referral. {@link #file} keeps
 * it once per message id, meets the centre's duty to answer, then moves the referral and the
 * programme's EMPLOYMENT measures (both only forward, so a late or repeated answer moves nothing back).
 */
@Component("employmentOutcomes")
public class EmploymentOutcomes {

    private static final String REFERRAL_OF_RECEIVER = """
            MATCH (p:Person)-[:REFERRED]->(r:Referral {id: $referralId, kind: 'EMPLOYMENT'})-[:TO]->(:Party {code: $receiver})
            RETURN p.id AS personId
            """;
    private static final String KEEP = """
            MATCH (r:Referral {id: $referralId})
            CREATE (o:EmploymentOutcome {messageId: $messageId, kind: $kind, employer: $employer, position: $position,
                                         startDate: $startDate, reason: $reason, at: $at, receivedAt: $now})
            CREATE (o)-[:ABOUT]->(r)
            """;

    private final Driver driver;
    private final JsonMapper json;
    private final InboundMessageLog inbound;
    private final ObligationRepository obligations;
    private final ReferralMoves referrals;
    private final ProgrammeRepository programmes;
    private final DisclosureJournal disclosures;

    EmploymentOutcomes(Driver driver, JsonMapper json, InboundMessageLog inbound, ObligationRepository obligations,
                       ReferralMoves referrals, ProgrammeRepository programmes, DisclosureJournal disclosures) {
        this.driver = driver;
        this.json = json;
        this.inbound = inbound;
        this.obligations = obligations;
        this.referrals = referrals;
        this.programmes = programmes;
        this.disclosures = disclosures;
    }

    /** One outcome as read and checked. */
    public record Outcome(String messageId, String referralId, String personId, EmploymentOutcomeKind kind,
                          String employer, String position, LocalDate startDate, String reason, ZonedDateTime at) {

        /** What the referral's outcome says in words, for its transition and the case file. */
        String inWords() {
            return switch (kind) {
                case PLACED -> "placed: " + position + " at " + employer + " from " + startDate;
                case DECLINED -> "the person declined: " + reason;
                case CLOSED -> "closed by the employment centre: " + reason;
                case TRAINING -> "sent to training" + (startDate == null ? "" : " from " + startDate);
                default -> kind.name().toLowerCase().replace('_', ' ');
            };
        }
    }

    public void read(Exchange exchange) {
        JsonNode node = JsonMessages.object(json, exchange.getMessage().getBody(String.class));
        List<FieldError> errors = new ArrayList<>();
        String messageId = text(node, "messageId", true, errors);
        String referralId = text(node, "referralId", true, errors);
        String kindName = text(node, "outcome", true, errors);
        EmploymentOutcomeKind kind = null;
        if (kindName != null) {
            try {
                kind = EmploymentOutcomeKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("outcome", "e4.outcome", "not one of " + List.of(EmploymentOutcomeKind.values())));
            }
        }
        String employer = text(node, "employer", kind == EmploymentOutcomeKind.PLACED, errors);
        String position = text(node, "position", kind == EmploymentOutcomeKind.PLACED, errors);
        LocalDate startDate = date(node, "startDate", kind == EmploymentOutcomeKind.PLACED, errors);
        String reason = text(node, "reason", kind == EmploymentOutcomeKind.DECLINED || kind == EmploymentOutcomeKind.CLOSED,
                errors);
        ZonedDateTime at = dateTime(node, "at", errors);
        String personId = null;
        if (referralId != null) {
            // the centre's word, also when an operator replays it: the sender, not the operator
            String receiver = IntakeContext.of(exchange).senderAgency();
            var rows = driver.executableQuery(REFERRAL_OF_RECEIVER)
                    .withParameters(Map.of("referralId", referralId, "receiver", receiver == null ? "" : receiver))
                    .execute().records();
            if (rows.isEmpty()) {
                errors.add(new FieldError("referralId", "referral.unknown",
                        "no EMPLOYMENT referral with this id goes to your agency"));
            } else {
                personId = rows.getFirst().get("personId").asString();
            }
        }
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(messageId, errors);
        }
        exchange.getMessage().setBody(new Outcome(messageId, referralId, personId, kind, employer, position, startDate,
                reason, at == null ? ZonedDateTime.now() : at));
    }

    public void file(Exchange exchange) {
        Outcome outcome = exchange.getMessage().getBody(Outcome.class);
        var context = IntakeContext.of(exchange);
        String received = context.payload();
        boolean duplicate;
        try (var session = driver.session()) {
            duplicate = session.executeWrite(tx -> {
                if (inbound.earlier(tx, outcome.messageId()).isPresent()) {
                    inbound.recordDuplicate(tx, outcome.messageId(), context.channel(), context.sender(), ZonedDateTime.now());
                    return true;
                }
                tx.run(KEEP, Cypher.params("referralId", outcome.referralId(),
                        "messageId", outcome.messageId(), "kind", outcome.kind().name(), "employer", outcome.employer(),
                        "position", outcome.position(), "startDate", outcome.startDate(), "reason", outcome.reason(),
                        "at", outcome.at(), "now", ZonedDateTime.now())).consume();
                obligations.meet(tx, outcome.referralId() + "/E4");
                inbound.recordAccepted(tx, new InboundMessageLog.Accepted(outcome.messageId(), EmploymentReferrals.EXCHANGE,
                        context.channel(), context.sender(), outcome.personId(), Sha256.hex(received == null ? "" : received),
                        Sha256.hex(json.writeValueAsString(outcome)), null, null, null), ZonedDateTime.now());
                return false;
            });
        }
        if (!duplicate) {
            // moving forward only: an answer applied twice, or after a later one, moves nothing back
            Caller centre = new Caller(context.actingClient(), context.senderAgency(), null, List.of());
            if (outcome.kind().referral() != null) {
                referrals.byReceiver(outcome.referralId(), outcome.kind().referral(), outcome.inWords(),
                        outcome.inWords(), centre);
            }
            if (outcome.kind().measure() != null) {
                programmes.moveDomainMeasures(outcome.personId(), "EMPLOYMENT", outcome.kind().measure(),
                        "E4 " + outcome.inWords(), centre);
            }
            disclosures.append(DisclosureEntry.by(context.actingClient(), context.actingAgency())
                    .forWhom(context.endUser(), context.purpose()).operation("E4 outcome " + context.channel())
                    .persons(List.of(outcome.personId())).fields(List.of("EmploymentOutcome", "Referral.status"))
                    .outcome(DisclosureEntry.Outcome.WRITTEN));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("messageId", outcome.messageId());
        reply.put("referralId", outcome.referralId());
        reply.put("status", duplicate ? "DUPLICATE" : "ACCEPTED");
        exchange.getMessage().setHeader(IntakeHeaders.EXCHANGE, EmploymentReferrals.EXCHANGE);
        exchange.getMessage().setBody(reply);
    }

    private static String text(JsonNode node, String field, boolean required, List<FieldError> errors) {
        return required ? JsonMessages.requiredText(node, field, errors) : JsonMessages.optionalText(node, field);
    }

    private static LocalDate date(JsonNode node, String field, boolean required, List<FieldError> errors) {
        return required ? JsonMessages.requiredDate(node, field, errors) : JsonMessages.optionalDate(node, field, field, errors);
    }

    private static ZonedDateTime dateTime(JsonNode node, String field, List<FieldError> errors) {
        String text = text(node, field, false, errors);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toZonedDateTime();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "dateTime", "a date and time with its offset, such as 2027-04-01T09:00:00+05:00"));
            return null;
        }
    }
}
