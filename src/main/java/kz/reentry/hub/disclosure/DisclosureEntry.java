package kz.reentry.hub.disclosure;

import java.time.ZonedDateTime;
import java.util.List;

import kz.reentry.hub.Sha256;

/**
 * One recorded operation on personal data. {@code hash} covers the content and the previous entry's
 * hash, so changing or removing any entry breaks every hash after it.
 */
public record DisclosureEntry(long seq, ZonedDateTime at, String client, String agency, String endUser, String purpose,
                              String operation, List<String> persons, List<String> fields, String outcome,
                              String previousHash, String hash) {

    static final String GENESIS = "0".repeat(64);
    /** The outcome of the entry a hub writes when it finds its journal shorter than what it had moved. */
    static final String LOST = "ENTRIES_MAY_BE_LOST";

    /** The content the hash covers, in a fixed order and form. */
    String canonical() {
        return String.join("|", Long.toString(seq), at.toInstant().toString(), client, agency, nullable(endUser),
                nullable(purpose), operation, String.join(",", persons), String.join(",", fields), outcome);
    }

    DisclosureEntry chainedTo(String previous) {
        return new DisclosureEntry(seq, at, client, agency, endUser, purpose, operation, persons, fields, outcome,
                previous, Sha256.hex(previous + "|" + canonical()));
    }

    private static String nullable(String text) {
        return text == null ? "" : text;
    }
}
