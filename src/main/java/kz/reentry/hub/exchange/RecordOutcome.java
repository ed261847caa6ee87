package kz.reentry.hub.exchange;

import java.util.List;

/**
 * What became of one received record, as a receipt tells the sender (a line of a batch file's
 * receipt, a broker message's receipt): ACCEPTED or DUPLICATE, or REJECTED with its dead letter and errors.
 */
public record RecordOutcome(String messageId, String status, String deadLetterId, List<FieldError> errors) {

    /** After filing: the body the filing step returned (null when the route carried none). */
    static RecordOutcome filed(FilingReceipt receipt) {
        return new RecordOutcome(receipt == null ? null : receipt.messageId(),
                receipt != null && receipt.duplicate() ? "DUPLICATE" : "ACCEPTED", null, null);
    }

    static RecordOutcome rejected(DeadLetterStore.Rejection rejection) {
        return new RecordOutcome(rejection.messageId(), "REJECTED", rejection.deadLetterId(), rejection.errors());
    }
}
