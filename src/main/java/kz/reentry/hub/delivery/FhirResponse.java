package kz.reentry.hub.delivery;

/**
 * Published after a message in the FHIR format is delivered: the receiver's synchronous answer, for
 * the exchange that sent it to read (a response message with code ok is E3's acknowledgement).
 *
 * @param body the answer as received; empty when the receiver answers later
 */
public record FhirResponse(String messageId, String exchange, String recipient, String body) {
}
