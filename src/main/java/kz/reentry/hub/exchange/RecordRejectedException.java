package kz.reentry.hub.exchange;

import java.util.List;
import java.util.stream.Collectors;

/** An incoming message broke one or more rules; it is dead-lettered, never applied in part. */
public class RecordRejectedException extends RuntimeException {

    private final String messageId;
    private final List<FieldError> errors;

    /** @param messageId the sender's message id when the message was readable enough to have one */
    public RecordRejectedException(String messageId, List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.messageId = messageId;
        this.errors = List.copyOf(errors);
    }

    public RecordRejectedException(String messageId, FieldError error) {
        this(messageId, List.of(error));
    }

    public String messageId() {
        return messageId;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
