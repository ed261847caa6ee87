package kz.reentry.hub.disclosure;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.Sha256;

/**
 * One recorded operation on personal data. {@code hash} covers the content and the previous entry's
 * hash, so changing or removing any entry breaks every hash after it.
 * <p>
 * {@code seq} is the entry's place: in an instance's journal, that journal's own number (in the order
 * the instance recorded); in the graph, its place in the one log every instance writes to, given when
 * the entry is written there ({@link DisclosureLogRepository#append}). The hash covers the log's number.
 *
 * @param id the entry's own key, given when the journal records it, so that an entry moved into the graph
 *           twice (after a crash, under another journal name) is written once; null in the graph's answers
 *           and on entries journaled before the hub gave ids
 */
public record DisclosureEntry(long seq, ZonedDateTime at, String client, String agency, String endUser, String purpose,
                              String operation, List<String> persons, List<String> fields, String outcome,
                              String previousHash, String hash, String id) {

    static final String GENESIS = "0".repeat(64);
    /** The outcome of the entry a hub writes when it finds its journal shorter than what it had moved. */
    static final String LOST = Outcome.ENTRIES_MAY_BE_LOST.name();

    /** An entry without its own key, as the graph answers it (and as journals held it before keys). */
    public DisclosureEntry(long seq, ZonedDateTime at, String client, String agency, String endUser, String purpose,
                           String operation, List<String> persons, List<String> fields, String outcome,
                           String previousHash, String hash) {
        this(seq, at, client, agency, endUser, purpose, operation, persons, fields, outcome, previousHash, hash, null);
    }

    /** What came of the operation. */
    public enum Outcome {
        /** Data was read and shown, or sent to a receiver. */
        DISCLOSED,
        /** Data was written. */
        WRITTEN,
        /** Nothing was done: not found, not allowed, or refused at the edge. */
        REFUSED,
        /** Some of the operation's fields were refused, the others answered. */
        PARTLY_REFUSED,
        /** The hub found its journal cut short: entries before this one may be lost. */
        ENTRIES_MAY_BE_LOST
    }

    /** An entry about to be appended (numbered and chained by the journal and the log writer), by client and agency. */
    public static Builder by(String client, String agency) {
        return new Builder(client == null ? "unknown" : client, agency == null ? "unknown" : agency);
    }

    /** Builds an entry without twelve positional arguments; unset lists are empty. */
    public static final class Builder {

        private final String client;
        private final String agency;
        private String endUser;
        private String purpose;
        private String operation;
        private List<String> persons = List.of();
        private List<String> fields = List.of();

        private Builder(String client, String agency) {
            this.client = client;
            this.agency = agency;
        }

        /** The person at the keyboard and the purpose (X-End-User, X-Purpose), when named. */
        public Builder forWhom(String endUser, String purpose) {
            this.endUser = endUser;
            this.purpose = purpose;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /** Hub ids of the persons the operation touched. */
        public Builder persons(List<String> persons) {
            this.persons = List.copyOf(persons);
            return this;
        }

        /** The fields read or written, as Type.field (or the types, for a whole record). */
        public Builder fields(List<String> fields) {
            this.fields = List.copyOf(fields);
            return this;
        }

        public DisclosureEntry outcome(Outcome outcome) {
            return new DisclosureEntry(0, ZonedDateTime.now(), client, agency, endUser, purpose, operation, persons,
                    fields, outcome.name(), null, null);
        }
    }

    /** The content the hash covers, in a fixed order and form. */
    String canonical() {
        return String.join("|", Long.toString(seq), at.toInstant().toString(), client, agency, nullable(endUser),
                nullable(purpose), operation, String.join(",", persons), String.join(",", fields), outcome);
    }

    DisclosureEntry chainedTo(String previous) {
        return new DisclosureEntry(seq, at, client, agency, endUser, purpose, operation, persons, fields, outcome,
                previous, Sha256.hex(previous + "|" + canonical()), id);
    }

    /** The entry with another number and key, unchained (the journal numbers and keys what it records). */
    DisclosureEntry numbered(long number, String key) {
        return new DisclosureEntry(number, at, client, agency, endUser, purpose, operation, persons, fields, outcome,
                null, null, key);
    }

    private static String nullable(String text) {
        return text == null ? "" : text;
    }
}
