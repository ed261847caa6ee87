package kz.reentry.hub.health;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import kz.reentry.hub.delivery.DeliveryProperties;
import kz.reentry.hub.disclosure.DisclosureEntry;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.Caller;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The steps of camel-routes/e3-fhir-messages.camel.yaml: a FHIR message from a health organisation
 * is validated against R4 (an invalid one is answered 400 with the validator's issues and applies
 * nothing), applied by {@link HandoffAnswers} as the authenticated caller, recorded in the
 * disclosure log, and answered with a response message (ok) or an OperationOutcome.
 */
@Component("fhirMessages")
public class FhirMessages {

    /** The HTTP status of the answer, for the endpoint. */
    public static final String STATUS = "hubFhirStatus";
    public static final String END_USER = "hubEndUser";
    public static final String PURPOSE = "hubPurpose";

    private final FhirSetup fhir;
    private final HandoffAnswers answers;
    private final DisclosureJournal journal;
    private final String hubSenderId;

    FhirMessages(FhirSetup fhir, HandoffAnswers answers, DisclosureJournal journal,
                 DeliveryProperties delivery) {
        this.hubSenderId = delivery.senderId();
        this.fhir = fhir;
        this.answers = answers;
        this.journal = journal;
    }

    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String body = message.getBody(String.class);
        Caller caller = Caller.current();
        String endUser = message.getHeader(END_USER, String.class);
        String purpose = message.getHeader(PURPOSE, String.class);
        List<String> errors = body == null || body.isBlank() ? List.of("the body is empty") : fhir.errors(body);
        if (!errors.isEmpty()) {
            answer(exchange, 400, outcome(OperationOutcome.IssueType.INVALID, errors));
            log(caller, endUser, purpose, null, DisclosureEntry.Outcome.REFUSED);
            return;
        }
        var result = answers.apply(FhirSetup.json().parseResource(Bundle.class, body), caller);
        switch (result.outcome()) {
            case APPLIED, DUPLICATE -> {
                answer(exchange, 200, ok(body, hubSenderId));
                log(caller, endUser, purpose, result.personId(), result.outcome() == HandoffAnswers.Outcome.APPLIED
                        ? DisclosureEntry.Outcome.WRITTEN : DisclosureEntry.Outcome.DISCLOSED);
            }
            case UNKNOWN_HANDOFF -> {
                // a handoff the caller does not receive answers as one that does not exist
                answer(exchange, 404, outcome(OperationOutcome.IssueType.NOTFOUND,
                        List.of("no handoff of the hub answers to this message for your organisation")));
                log(caller, endUser, purpose, null, DisclosureEntry.Outcome.REFUSED);
            }
            case NOT_UNDERSTOOD -> {
                answer(exchange, 422, outcome(OperationOutcome.IssueType.NOTSUPPORTED, List.of(
                        "expected a response message (MessageHeader.response) to an E3 handoff, or a message with the"
                                + " handoff's Task (identifier " + E3Profile.HANDOFF_SYSTEM + ") in a status the hub reads:"
                                + " received, accepted, rejected, in-progress, completed")));
                log(caller, endUser, purpose, result.personId(), DisclosureEntry.Outcome.REFUSED);
            }
        }
    }

    private void log(Caller caller, String endUser, String purpose, String personId, DisclosureEntry.Outcome outcome) {
        journal.append(DisclosureEntry.by(caller.client(), caller.agency()).forWhom(endUser, purpose)
                .operation("E3 FHIR message to the hub")
                .persons(personId == null ? List.of() : List.of(personId))
                .fields(List.of("Referral.status", "HealthHandoff.answer"))
                .outcome(outcome));
    }

    private static void answer(Exchange exchange, int status, Resource resource) {
        exchange.getMessage().setHeader(STATUS, status);
        exchange.getMessage().setBody(FhirSetup.json().encodeResourceToString(resource));
    }

    /** The response message: ok, to the message received. */
    private static Bundle ok(String received, String hubSenderId) {
        var request = (MessageHeader) FhirSetup.json().parseResource(Bundle.class, received).getEntryFirstRep().getResource();
        var header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(request.getEvent().copy());
        header.getSource().setName("Reentry hub").setEndpoint(E3Profile.AGENCY_ENDPOINT_PREFIX + hubSenderId);
        header.getResponse().setIdentifier(request.getIdElement().getIdPart().replaceFirst("^urn:uuid:", ""))
                .setCode(MessageHeader.ResponseType.OK);
        var bundle = new Bundle();
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setTimestamp(new Date());
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        return bundle;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, List<String> issues) {
        var outcome = new OperationOutcome();
        issues.forEach(text -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                .setDiagnostics(text));
        return outcome;
    }
}
