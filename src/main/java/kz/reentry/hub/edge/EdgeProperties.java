package kz.reentry.hub.edge;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the hub's edge: what one GraphQL operation may ask for, how large a request may be, and
 * how many requests a client may send.
 *
 * @param maxDepth                deepest nesting of fields
 * @param maxComplexity           fields an operation may resolve, lists counted by their {@code first}
 * @param maxAliases              aliases in one document (alias floods repeat a costly field)
 * @param maxRequestSize          largest body of a GraphQL or intake request
 * @param requestsPerSecond       requests a client may send each second
 * @param requestsPerSecondByClient a different limit for named clients
 * @param trustedDocuments        whether only registered operations are accepted, and where they are
 */
@ConfigurationProperties("hub.edge")
public record EdgeProperties(int maxDepth, int maxComplexity, int maxAliases, DataSize maxRequestSize,
                             int requestsPerSecond, Map<String, Integer> requestsPerSecondByClient,
                             TrustedDocumentsSettings trustedDocuments) {

    public EdgeProperties {
        requestsPerSecondByClient = requestsPerSecondByClient == null ? Map.of() : requestsPerSecondByClient;
        trustedDocuments = trustedDocuments == null ? new TrustedDocumentsSettings(false, null) : trustedDocuments;
    }

    /**
     * @param enabled  accept only the operations registered in {@code location}
     * @param location a directory (Spring resource location ending in '/') of {@code .graphql} files
     */
    public record TrustedDocumentsSettings(boolean enabled, String location) {
    }
}
