package kz.reentry.hub.exchange;

/**
 * One broken rule of an incoming message, in the sender's terms.
 *
 * @param field   path of the field in the message, such as {@code person.iin}
 * @param rule    stable rule code, such as {@code iin.checksum} or {@code required}
 * @param message what is wrong, in words a clerk can act on
 */
public record FieldError(String field, String rule, String message) {
}
