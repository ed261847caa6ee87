package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.IntakeContext;
import kz.reentry.hub.exchange.IntakeHeaders;
import kz.reentry.hub.exchange.JsonMessages;
import kz.reentry.hub.exchange.RecordRejectedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * E8 in (instruction No. 7, 003 cl. 29, 49, 52): a court's, the probation service's, the police's, КПСиСУ's or
 * the penal system's own system sends its list as JSON (camel-routes/e8-statements.camel.yaml), with the content
 * of {@code submitReconciliationStatement}'s input. {@link #read} reads it and checks it by the mutation's rules
 * ({@link StatementFiling}), the source being the sender's party (kept with a dead letter, so a replay files it
 * as the sender's); a list that breaks a rule is dead-lettered with every reason. {@link #file} files it once per
 * sender and messageId; the same id with another list is refused.
 */
@Component("reconciliationIntake")
public class StatementIntake {

    static final String EXCHANGE = "E8";

    private final JsonMapper json;
    private final StatementFiling filing;
    private final DisclosureJournal disclosures;

    StatementIntake(JsonMapper json, StatementFiling filing, DisclosureJournal disclosures) {
        this.json = json;
        this.filing = filing;
        this.disclosures = disclosures;
    }

    public void read(Exchange exchange) {
        JsonNode node = JsonMessages.object(json, exchange.getMessage().getBody(String.class));
        var context = IntakeContext.of(exchange);
        List<FieldError> errors = new ArrayList<>();
        String messageId = JsonMessages.optionalText(node, "messageId");
        ReconciliationCategory category = category(node, errors);
        LocalDate from = date(node, "from", errors);
        LocalDate to = date(node, "to", errors);
        List<Reconciliations.PersonInput> persons = persons(node, errors);
        var input = new Reconciliations.StatementInput(messageId, category, JsonMessages.optionalText(node, "region"),
                from, to, persons);
        try {
            StatementFiling.Checked checked = filing.check(input,
                    new StatementFiling.Sender(context.senderAgency(), context.sender()));
            if (!errors.isEmpty()) {
                throw new RecordRejectedException(messageId, errors);
            }
            exchange.getMessage().setBody(checked);
        } catch (StatementFiling.Refused refused) {
            // a value that could not be read is reported once, as unreadable, not again as missing
            Set<String> unreadable = errors.stream().map(FieldError::field).collect(Collectors.toSet());
            refused.problems().stream().filter(p -> !unreadable.contains(p.field()))
                    .map(StatementFiling.Problem::asFieldError).forEach(errors::add);
            throw new RecordRejectedException(messageId, errors);
        }
    }

    public void file(Exchange exchange) {
        StatementFiling.Checked checked = exchange.getMessage().getBody(StatementFiling.Checked.class);
        var context = IntakeContext.of(exchange);
        StatementFiling.Filed filed;
        try {
            filed = filing.file(checked);
        } catch (StatementFiling.Refused refused) {
            throw new RecordRejectedException(checked.messageId(),
                    refused.problems().stream().map(StatementFiling.Problem::asFieldError).toList());
        }
        if (!filed.duplicate()) {
            disclosures.append(DisclosureEntry.by(context.actingClient(), context.actingAgency())
                    .forWhom(context.endUser(), context.purpose()).operation("E8 statement " + context.channel())
                    .persons(filed.statement().personIds()).fields(List.of("ReconciliationStatement"))
                    .outcome(DisclosureEntry.Outcome.WRITTEN));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("messageId", checked.messageId());
        reply.put("statementId", filed.statement().id());
        reply.put("source", filed.statement().source().name());
        reply.put("persons", filed.statement().persons());
        reply.put("status", filed.duplicate() ? "DUPLICATE" : "ACCEPTED");
        exchange.getMessage().setHeader(IntakeHeaders.EXCHANGE, EXCHANGE);
        exchange.getMessage().setBody(reply);
    }

    private static ReconciliationCategory category(JsonNode node, List<FieldError> errors) {
        String text = JsonMessages.optionalText(node, "category");
        if (text == null) {
            return null;
        }
        try {
            return ReconciliationCategory.valueOf(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("category", "category.unknown", "one of " + List.of(ReconciliationCategory.values())));
            return null;
        }
    }

    private static List<Reconciliations.PersonInput> persons(JsonNode node, List<FieldError> errors) {
        JsonNode list = node.get("persons");
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            errors.add(new FieldError("persons", "list", "a list of persons"));
            return null;
        }
        List<Reconciliations.PersonInput> persons = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode person = list.get(i);
            if (!person.isObject()) {
                persons.add(null);
                continue;
            }
            persons.add(new Reconciliations.PersonInput(JsonMessages.optionalText(person, "iin"),
                    JsonMessages.optionalText(person, "personId"), JsonMessages.optionalText(person, "surname"),
                    JsonMessages.optionalText(person, "givenName"), JsonMessages.optionalText(person, "patronymic"),
                    JsonMessages.optionalDate(person, "birthDate", "persons[" + i + "].birthDate", errors)));
        }
        return persons;
    }

    private static LocalDate date(JsonNode node, String field, List<FieldError> errors) {
        return JsonMessages.optionalDate(node, field, field, errors);
    }
}
