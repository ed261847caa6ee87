package kz.reentry.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A health organisation's FHIR server standing in for the real one in the tests: HAPI's plain
 * RestfulServer in an embedded Tomcat on a random localhost port, with a {@code $process-message}
 * operation that validates every message with its own R4 validator and answers a response message
 * (ok, transient-error or fatal-error as the test tells it), or only a receipt (the answer comes
 * later, or never). Like a real receiver it deduplicates on MessageHeader.id. It can be taken down
 * (HTTP 503) and brought back.
 */
public final class StandInHealthOrganisation {

    /** The health bodies it stands in for, each with a FHIR base of its own; tests pick one each. */
    public static final List<String> AGENCIES = List.of("KZ-UZ-75", "KZ-UZ-71", "KZ-UZ-79", "KZ-UZ-11", "KZ-UZ-15",
            "KZ-UZ-19", "KZ-TB-75", "KZ-TB-71", "KZ-AIDS-75", "KZ-CPZ-75");
    public static final StandInHealthOrganisation INSTANCE = start();

    public enum Answer { OK, RECEIPT_ONLY, TRANSIENT_ERROR, FATAL_ERROR }

    /** One message as the organisation received it, with what its own validator found. */
    public record Received(String messageId, String json, List<String> validationErrors, String authorization) {
    }

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final FhirValidator validator;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> appliedIds = ConcurrentHashMap.newKeySet();
    private final List<Received> applied = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final List<String> refusedWhileDown = new CopyOnWriteArrayList<>();
    private int port;

    private StandInHealthOrganisation() {
        var chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
        this.validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    private static StandInHealthOrganisation start() {
        var organisation = new StandInHealthOrganisation();
        // the validator's first run loads the R4 definitions (seconds): not within the hub's response timeout
        organisation.validator.validateWithResult(new org.hl7.fhir.r4.model.Patient());
        try {
            var tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("stand-in-fhir").toString());
            tomcat.setPort(0);
            tomcat.getConnector();
            Context context = tomcat.addContext("", null);
            for (String agency : AGENCIES) {
                var server = new RestfulServer(organisation.fhir);
                server.registerProvider(organisation.new ProcessMessage(agency));
                Tomcat.addServlet(context, agency, organisation.new Gate(agency, server));
                context.addServletMappingDecoded("/fhir/" + agency + "/*", agency);
            }
            tomcat.start();
            organisation.port = tomcat.getConnector().getLocalPort();
            return organisation;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("The stand-in FHIR server did not start", e);
        }
    }

    /** The FHIR base URL of the health body (one Tomcat, one RestfulServer per body). */
    public String base(String organisation) {
        return "http://127.0.0.1:" + port + "/fhir/" + organisation;
    }

    /** How the organisation answers messages whose first destination is this agency (default OK). */
    public void answer(String agency, Answer answer) {
        answers.put(agency, answer);
    }

    public void down(String agency) {
        down.add(agency);
    }

    public void up(String agency) {
        down.remove(agency);
    }

    public List<Received> applied() {
        return new ArrayList<>(applied);
    }

    public java.util.Optional<Received> applied(String messageId) {
        return applied.stream().filter(r -> r.messageId().equals(messageId)).findFirst();
    }

    /** How many times a message id was POSTed and answered (a duplicate counts again, is applied once). */
    public int deliveries(String messageId) {
        return deliveries.getOrDefault(messageId, 0);
    }

    public List<String> refusedWhileDown() {
        return new ArrayList<>(refusedWhileDown);
    }

    /** Answers 503 for an organisation that is down, before HAPI sees the request. */
    private final class Gate extends HttpServlet {

        private final String agency;
        private final RestfulServer server;

        Gate(String agency, RestfulServer server) {
            this.agency = agency;
            this.server = server;
        }

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            server.init(config);
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            if (down.contains(agency)) {
                refusedWhileDown.add(agency);
                response.sendError(503, "down for the test");
                return;
            }
            server.service(request, response);
        }
    }

    public final class ProcessMessage {

        private final String agency;

        ProcessMessage(String agency) {
            this.agency = agency;
        }

        @Operation(name = "$process-message", idempotent = false)
        public IBaseResource processMessage(@ResourceParam Bundle message, HttpServletRequest request) {
            var header = (MessageHeader) message.getEntryFirstRep().getResource();
            // HAPI gives an entry's resource its fullUrl as id (urn:uuid:...); the message id is the plain one
            String id = header.getIdElement().getIdPart().replaceFirst("^urn:uuid:", "");
            String json = fhir.newJsonParser().encodeResourceToString(message);
            List<String> errors = validator.validateWithResult(json).getMessages().stream()
                    .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                    .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
            Answer answer = answers.getOrDefault(agency, Answer.OK);
            if (!errors.isEmpty()) {
                answer = Answer.FATAL_ERROR;
            }
            deliveries.merge(id, 1, Integer::sum);
            if (answer == Answer.TRANSIENT_ERROR) {
                return response(id, MessageHeader.ResponseType.TRANSIENTERROR, "try again later");
            }
            if (answer == Answer.FATAL_ERROR) {
                return response(id, MessageHeader.ResponseType.FATALERROR,
                        errors.isEmpty() ? "refused by the test" : String.join("; ", errors));
            }
            if (appliedIds.add(id)) {
                applied.add(new Received(id, json, errors, request.getHeader("Authorization")));
            }
            if (answer == Answer.RECEIPT_ONLY) {
                // received; the response message would follow later, to the hub's own endpoint
                var receipt = new OperationOutcome();
                receipt.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("received, response follows");
                return receipt;
            }
            return response(id, MessageHeader.ResponseType.OK, null);
        }

        private Bundle response(String requestId, MessageHeader.ResponseType code, String diagnostics) {
            var header = new MessageHeader();
            header.setId(UUID.randomUUID().toString());
            header.setEvent(new Coding("https://reentry-hub.kz/fhir/CodeSystem/e3-event", "treatment-handoff", null));
            header.getSource().setEndpoint("urn:kz-agency:stand-in");
            header.getResponse().setIdentifier(requestId).setCode(code);
            var bundle = new Bundle();
            bundle.setType(Bundle.BundleType.MESSAGE);
            bundle.setTimestamp(new Date());
            bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
            if (diagnostics != null) {
                var outcome = new OperationOutcome();
                outcome.setId(UUID.randomUUID().toString());
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.PROCESSING).setDiagnostics(diagnostics);
                header.getResponse().getDetails().setReference("urn:uuid:" + outcome.getId());
                bundle.addEntry().setFullUrl("urn:uuid:" + outcome.getId()).setResource(outcome);
            }
            return bundle;
        }
    }
}
