package kz.reentry.hub.exchange;

import kz.reentry.hub.security.RequestContext;

/** Names of the Camel headers and properties every intake channel sets before the shared steps run. */
public final class IntakeHeaders {

    /** How the message arrived: http, replay, (later) file, broker. */
    public static final String CHANNEL = "hubChannel";
    /** The authenticated client that sent it. */
    public static final String SENDER = "hubSender";
    /** The agency of the client that sent it. */
    public static final String SENDER_AGENCY = "hubSenderAgency";
    /** The person at the sender's keyboard and the purpose, when the sender names them (HTTP headers). */
    public static final String END_USER = RequestContext.END_USER_HEADER;
    public static final String PURPOSE = RequestContext.PURPOSE_HEADER;
    /**
     * The operator (client) who replays a kept message, and its agency: what the replay causes is
     * theirs in the disclosure log, while the message keeps its original sender.
     */
    public static final String OPERATOR = "hubOperator";
    public static final String OPERATOR_AGENCY = "hubOperatorAgency";
    /** The payload exactly as received, kept for the dead-letter store. */
    public static final String PAYLOAD = "hubPayload";
    /** The exchange of the domain brief the message belongs to, such as E5. */
    public static final String EXCHANGE = "hubExchange";
    /** The endpoint of the exchange's shared steps, where a replay of a dead letter is sent. */
    public static final String REPLAY_TO = "hubReplayTo";
    /** The batch file a record came in (its BatchFile id), and the record's place in it (the first is 1). */
    public static final String BATCH_FILE = "hubBatchId";
    public static final String BATCH_RECORD = "hubBatchRecord";
    /**
     * The message properties a broker sender names the end user and purpose in (JMS property names
     * cannot carry hyphens, so not X-End-User and X-Purpose).
     */
    public static final String BROKER_END_USER = "endUser";
    public static final String BROKER_PURPOSE = "purpose";

    private IntakeHeaders() {
    }
}
