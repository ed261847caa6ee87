package kz.reentry.hub.exchange;

/**
 * What an exchange's filing step returns for a message it accepted (E5's IntakeReceipt), as the
 * channels' receipts and a replay need it: the body the routes pass on after filing.
 */
public interface FilingReceipt {

    String messageId();

    /** The hub id of the person the message filed; null when it was a duplicate, which filed nothing. */
    String personId();

    /** The IIN of the person the message is about. */
    String personIin();

    /** True when the message was received before and was not applied again. */
    boolean duplicate();
}
