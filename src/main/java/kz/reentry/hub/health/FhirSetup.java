package kz.reentry.hub.health;

import java.time.Duration;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI FHIR for exchange E3, R4 only: one context (expensive to make, safe to share) and one
 * validator against the base specification: the R4 structure definitions, value sets expanded in
 * memory, and the code systems HAPI knows without a terminology server (UCUM, ISO country and
 * language codes, MIME types). Lookups are cached by the chain. ICD-10 is not among them: its codes
 * are checked for form, not for existence (a binding of Condition.code is an example binding).
 */
public final class FhirSetup {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private final FhirValidator validator;

    public FhirSetup() {
        var chain = new ValidationSupportChain(
                ValidationSupportChain.CacheConfiguration.defaultValues().setCacheTimeout(Duration.ofHours(1)),
                new DefaultProfileValidationSupport(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT),
                new CommonCodeSystemsTerminologyService(CONTEXT));
        var instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(false);
        this.validator = CONTEXT.newValidator().registerValidatorModule(instanceValidator);
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    public static IParser json() {
        return CONTEXT.newJsonParser();
    }

    /** The errors (and fatal errors) the validator finds, each as "location: message"; empty when valid. */
    public List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirSetup::describe)
                .toList();
    }

    /** The errors found in a resource as received, text parsed by the validator itself. */
    public List<String> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirSetup::describe)
                .toList();
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }
}
