package kz.reentry.hub.release;

import java.time.LocalDate;
import java.time.ZonedDateTime;
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
import kz.reentry.hub.obligation.Obligation;
import org.apache.camel.Exchange;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * E9 in (003 cl. 51 (3)): the police system of the destination reports an arrival and registration
 * as JSON (camel-routes/e9-arrivals.camel.yaml), naming the person by IIN as its own register does, or
 * by the hub's id. {@link #read} checks it against the awaited arrival (only the police body that owes
 * the confirmation may send it; a message that breaks a rule is dead-lettered with every reason, like
 * E5); {@link #file} applies it once per messageId through the same step as {@code confirmArrival}.
 */
@Component("arrivalIntake")
public class ArrivalIntake {

    private static final String PERSON = """
            CALL () { MATCH (p:Person {id: $personId}) RETURN p UNION MATCH (p:Person {iin: $iin}) RETURN p }
            RETURN p.id AS id LIMIT 2
            """;

    private final Driver driver;
    private final JsonMapper json;
    private final ArrivalConfirmations arrivals;
    private final InboundMessageLog inbound;
    private final DisclosureJournal disclosures;

    ArrivalIntake(Driver driver, JsonMapper json, ArrivalConfirmations arrivals, InboundMessageLog inbound,
                  DisclosureJournal disclosures) {
        this.driver = driver;
        this.json = json;
        this.arrivals = arrivals;
        this.inbound = inbound;
        this.disclosures = disclosures;
    }

    /** One report as read and checked: the duty it meets is the one awaited when it was read. */
    public record Arrival(String messageId, String personId, Obligation duty, LocalDate arrivedOn, LocalDate registeredOn,
                          String note) {
    }

    public void read(Exchange exchange) {
        JsonNode node = JsonMessages.object(json, exchange.getMessage().getBody(String.class));
        List<FieldError> errors = new ArrayList<>();
        String messageId = JsonMessages.requiredText(node, "messageId", errors);
        if (messageId != null && alreadyFiled(messageId, IntakeContext.of(exchange).payload())) {
            exchange.getMessage().setBody(new Arrival(messageId, null, null, null, null, null));
            return;
        }
        String iin = JsonMessages.optionalText(node, "iin");
        String personId = JsonMessages.optionalText(node, "personId");
        LocalDate arrivedOn = JsonMessages.requiredDate(node, "arrivedOn", errors);
        LocalDate registeredOn = JsonMessages.requiredDate(node, "registeredOn", errors);
        if (arrivedOn != null && registeredOn != null) {
            ArrivalConfirmations.datesProblem(arrivedOn, registeredOn).ifPresent(errors::add);
        }
        Obligation duty = null;
        if (iin == null && personId == null) {
            errors.add(new FieldError("iin", "required", "name the person by iin (or the hub's personId)"));
        } else {
            var found = driver.executableQuery(PERSON).withParameters(Cypher.params("personId", personId, "iin", iin))
                    .withConfig(Cypher.READ).execute().records();
            String sender = IntakeContext.of(exchange).senderAgency();
            duty = found.size() != 1 ? null : arrivals.awaited(found.getFirst().get("id").asString())
                    .filter(awaited -> awaited.owedByCode().equals(sender)).orElse(null);
            // a person the hub does not know and one whose arrival this police body does not await look the same
            if (duty == null) {
                errors.add(new FieldError(iin != null ? "iin" : "personId", "arrival.notAwaited",
                        "no arrival of this person is awaited from your agency"));
            } else {
                personId = found.getFirst().get("id").asString();
            }
        }
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(messageId, errors);
        }
        exchange.getMessage().setBody(new Arrival(messageId, personId, duty, arrivedOn, registeredOn,
                JsonMessages.optionalText(node, "note")));
    }

    /**
     * A message filed before is answered as a duplicate before it is checked again (its duty is met by
     * now); the same id with other content is refused, as in E5.
     */
    private boolean alreadyFiled(String messageId, String payload) {
        try (var session = driver.session()) {
            var earlier = session.executeRead(tx -> inbound.earlier(tx, messageId));
            if (earlier.isPresent() && !earlier.get().contentHash().equals(Sha256.hex(payload == null ? "" : payload))) {
                throw new RecordRejectedException(messageId, new FieldError("messageId", "messageId.reused",
                        "message " + messageId + " was received before with different content; a new report needs a new messageId"));
            }
            return earlier.isPresent();
        }
    }

    public void file(Exchange exchange) {
        Arrival arrival = exchange.getMessage().getBody(Arrival.class);
        var context = IntakeContext.of(exchange);
        String received = context.payload();
        String status;
        if (arrival.duty() == null) {
            try (var session = driver.session()) {
                session.executeWriteWithoutResult(tx -> inbound.recordDuplicate(tx, arrival.messageId(), context.channel(),
                        context.sender(), ZonedDateTime.now()));
            }
            exchange.getMessage().setHeader(IntakeHeaders.EXCHANGE, ArrivalConfirmations.EXCHANGE);
            exchange.getMessage().setBody(Map.of("messageId", arrival.messageId(), "status", "DUPLICATE"));
            return;
        }
        try (var session = driver.session()) {
            status = session.executeWrite(tx -> {
                if (inbound.earlier(tx, arrival.messageId()).isPresent()) {
                    inbound.recordDuplicate(tx, arrival.messageId(), context.channel(), context.sender(), ZonedDateTime.now());
                    return "DUPLICATE";
                }
                boolean met = arrivals.confirmIn(tx, arrival.duty(), arrival.personId(), arrival.arrivedOn(),
                        arrival.registeredOn(), arrival.note(), context.actingClient(), context.senderAgency(),
                        context.endUser(), context.purpose());
                inbound.recordAccepted(tx, new InboundMessageLog.Accepted(arrival.messageId(), ArrivalConfirmations.EXCHANGE,
                        context.channel(), context.sender(), arrival.personId(), Sha256.hex(received == null ? "" : received),
                        Sha256.hex(json.writeValueAsString(arrival)), null, null, null), ZonedDateTime.now());
                // met by a confirmation between read and file: this one is kept in the log, changes nothing
                return met ? "ACCEPTED" : "ALREADY_CONFIRMED";
            });
        }
        if (status.equals("ACCEPTED")) {
            disclosures.append(DisclosureEntry.by(context.actingClient(), context.actingAgency())
                    .forWhom(context.endUser(), context.purpose()).operation("E9 arrival " + context.channel())
                    .persons(List.of(arrival.personId())).fields(List.of("ArrivalConfirmation", "Obligation"))
                    .outcome(DisclosureEntry.Outcome.WRITTEN));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("messageId", arrival.messageId());
        reply.put("obligationId", arrival.duty().id());
        reply.put("status", status);
        exchange.getMessage().setHeader(IntakeHeaders.EXCHANGE, ArrivalConfirmations.EXCHANGE);
        exchange.getMessage().setBody(reply);
    }
}
