package kz.reentry.hub.edge;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the hub's edge: what one GraphQL operation may ask for, how large a request may be, and
 * how many requests a client may send.
 *
 * @param maxDepth                deepest nesting of fields
 * @param maxComplexity           fields an operation may resolve, estimated before it runs: a list counted
 *                                by its {@code first}, or without one by {@code listSizes}
 * @param listSizes               how many items a list field without {@code first} is counted as, by
 *                                {@code Type.field}; {@code default} for any list not named
 * @param maxResultNodes          values an answer may hold (counted while it runs): beyond, the answer is withheld
 * @param maxAliases              aliases in one document (alias floods repeat a costly field)
 * @param maxRequestSize          largest body of a GraphQL or intake request
 * @param streamedRequestSizes    by path, a larger limit for an endpoint that reads its body as a stream,
 *                                record by record, and never holds it (the E4 vacancy feed)
 * @param requestsPerSecond       requests (and operations over graphql-ws) a client may send each second
 * @param requestsPerSecondByClient a different limit for named clients
 * @param tokenFailures           failed attempts at the token endpoint, per client id and per address
 * @param trustedDocuments        whether only registered operations are accepted, and where they are
 */
@ConfigurationProperties("hub.edge")
public record EdgeProperties(int maxDepth, int maxComplexity, Map<String, Integer> listSizes, int maxResultNodes,
                             int maxAliases, DataSize maxRequestSize, Map<String, DataSize> streamedRequestSizes,
                             int requestsPerSecond, Map<String, Integer> requestsPerSecondByClient,
                             TokenFailures tokenFailures, TrustedDocumentsSettings trustedDocuments) {

    /** What a list without {@code first} counts as when {@code listSizes} does not name it. */
    static final String DEFAULT_LIST = "default";

    public EdgeProperties {
        listSizes = listSizes == null ? Map.of() : Map.copyOf(listSizes);
        streamedRequestSizes = streamedRequestSizes == null ? Map.of() : Map.copyOf(streamedRequestSizes);
        maxResultNodes = maxResultNodes > 0 ? maxResultNodes : 100_000;
        requestsPerSecondByClient = requestsPerSecondByClient == null ? Map.of() : requestsPerSecondByClient;
        tokenFailures = tokenFailures == null ? new TokenFailures(10, 30, Duration.ofMinutes(1)) : tokenFailures;
        trustedDocuments = trustedDocuments == null ? new TrustedDocumentsSettings(false, null) : trustedDocuments;
    }

    /**
     * How many times a list field without {@code first} is counted: its entry in {@code listSizes}, else the
     * {@code default} entry, else 10.
     */
    int listSize(String typeAndField) {
        return listSizes.getOrDefault(typeAndField, listSizes.getOrDefault(DEFAULT_LIST, 10));
    }

    /**
     * Guessing client secrets at the token endpoint: after so many failed attempts within the window,
     * further requests for that client id, or from that address, get 429 until the window has passed.
     *
     * @param perClient  failed attempts allowed for one client id
     * @param perAddress failed attempts allowed from one remote address (any client ids)
     * @param window     how long failures are counted, and a refusal lasts at most
     */
    public record TokenFailures(int perClient, int perAddress, Duration window) {
    }

    /**
     * @param enabled  accept only the operations registered in {@code location}
     * @param location a directory (Spring resource location ending in '/') of {@code .graphql} files
     */
    public record TrustedDocumentsSettings(boolean enabled, String location) {
    }
}
