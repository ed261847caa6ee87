package kz.reentry.hub.health;

import kz.reentry.hub.security.RequestContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hub's FHIR endpoint for E3 answers: {@code POST /fhir/$process-message}, a FHIR message from
 * a health organisation (bearer token, role REFERRAL_RECEIVE). It only receives and answers; the
 * work is the Camel route direct:e3-fhir-message (camel-routes/e3-fhir-messages.camel.yaml), which
 * a broker channel can share. Spring MVC rather than HAPI's RestfulServer: the hub serves one
 * operation, not a FHIR server, and this way the endpoint stands behind the same security chain,
 * edge filters and disclosure log as every other one.
 */
@RestController
class FhirMessageController {

    static final String FHIR_JSON = "application/fhir+json";

    private final ProducerTemplate camel;

    FhirMessageController(ProducerTemplate camel) {
        this.camel = camel;
    }

    @PostMapping(path = "/fhir/$process-message", consumes = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE},
            produces = FHIR_JSON)
    @PreAuthorize("hasRole('REFERRAL_RECEIVE')")
    ResponseEntity<String> processMessage(@RequestBody String body,
            @RequestHeader(name = RequestContext.END_USER_HEADER, required = false) String endUser,
            @RequestHeader(name = RequestContext.PURPOSE_HEADER, required = false) String purpose) {
        var result = camel.send("direct:e3-fhir-message", exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(FhirMessages.END_USER, endUser);
            exchange.getMessage().setHeader(FhirMessages.PURPOSE, purpose);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("E3 FHIR message failed", result.getException());
        }
        int status = result.getMessage().getHeader(FhirMessages.STATUS, 500, Integer.class);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(FHIR_JSON))
                .body(result.getMessage().getBody(String.class));
    }
}
