package kz.reentry.hub.delivery;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FHIR format of delivery: a message Bundle POSTed to the receiver's {@code $process-message},
 * whose synchronous answer may be a response message. Its {@code MessageHeader.response.code} decides:
 * {@code ok} is delivered, {@code transient-error} is retried like any failure, {@code fatal-error}
 * is dead at once ({@link Refused}). An answer that is no response message (a receipt, an empty
 * body: the receiver answers later, asynchronously) counts as delivered.
 */
final class FhirAnswers {

    static final String MEDIA_TYPE = "application/fhir+json; charset=UTF-8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FhirAnswers() {
    }

    static String processMessage(String base) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/$process-message";
    }

    static void requireOk(String response) {
        if (response == null || response.isBlank()) {
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The receiver's answer is not FHIR JSON: " + e.getMessage(), e);
        }
        JsonNode header = answer.path("entry").path(0).path("resource");
        if (!"Bundle".equals(answer.path("resourceType").asString(null))
                || !"MessageHeader".equals(header.path("resourceType").asString(null))) {
            return;
        }
        String code = header.path("response").path("code").asString(null);
        if (code == null || code.equals("ok")) {
            return;
        }
        String detail = "FHIR response " + code + " to " + header.path("response").path("identifier").asString("?")
                + details(answer);
        if (code.equals("fatal-error")) {
            throw new Refused(detail);
        }
        throw new IllegalStateException(detail);
    }

    /** The OperationOutcome's issue texts, if the response carries one. */
    private static String details(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        for (JsonNode entry : answer.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("OperationOutcome".equals(resource.path("resourceType").asString(null))) {
                for (JsonNode issue : resource.path("issue")) {
                    String said = issue.path("diagnostics").asString(issue.path("details").path("text").asString(""));
                    if (!said.isBlank()) {
                        text.append(text.isEmpty() ? ": " : "; ").append(said);
                    }
                }
            }
        }
        String all = text.toString();
        return all.length() <= 300 ? all : all.substring(0, 300) + "…";
    }

    /** The receiver refused the message for good (fatal-error): no retry. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
