package kz.reentry.hub.exchange;

import org.apache.camel.Exchange;

/**
 * What an intake channel tells the shared steps about one message, read once from the Camel exchange
 * (the names are {@link IntakeHeaders}): a step takes this record instead of a header per argument.
 *
 * @param channel        how it arrived: http, file, broker, replay
 * @param sender         the client that sent it, and its agency
 * @param endUser        the person at the sender's keyboard and the purpose, when named
 * @param operator       the operator replaying a kept message, and its agency; null otherwise
 * @param payload        the message exactly as received
 * @param batchFile      the batch file it came in and its place there; null on other channels
 */
public record IntakeContext(String channel, String sender, String senderAgency, String endUser, String purpose,
                            String operator, String operatorAgency, String payload, String batchFile, Long batchRecord) {

    public static IntakeContext of(Exchange exchange) {
        var in = exchange.getMessage();
        return new IntakeContext(in.getHeader(IntakeHeaders.CHANNEL, String.class),
                in.getHeader(IntakeHeaders.SENDER, String.class), in.getHeader(IntakeHeaders.SENDER_AGENCY, String.class),
                in.getHeader(IntakeHeaders.END_USER, String.class), in.getHeader(IntakeHeaders.PURPOSE, String.class),
                in.getHeader(IntakeHeaders.OPERATOR, String.class), in.getHeader(IntakeHeaders.OPERATOR_AGENCY, String.class),
                exchange.getProperty(IntakeHeaders.PAYLOAD, String.class),
                in.getHeader(IntakeHeaders.BATCH_FILE, String.class), in.getHeader(IntakeHeaders.BATCH_RECORD, Long.class));
    }

    /** The same channel's context for one record of a batch file: its text as read, its place in the file. */
    public IntakeContext forRecord(String recordPayload, long place) {
        return new IntakeContext(channel, sender, senderAgency, endUser, purpose, operator, operatorAgency, recordPayload,
                batchFile, place);
    }

    /** Whose write it is in the disclosure log: the operator who replays a kept message, else its sender. */
    public String actingClient() {
        return operator != null ? operator : sender;
    }

    public String actingAgency() {
        return operator != null ? operatorAgency : senderAgency;
    }
}
