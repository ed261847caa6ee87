package kz.reentry.hub.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * The disclosure log as the prosecutor's office reads it (newest first), and a way for a test to
 * find its own entries among those of the shared hub: an end user name nobody else uses.
 */
public final class DisclosureLog {

    private DisclosureLog() {
    }

    /** The newest entries matching the filter (person, agency), read with the prosecutor's client. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Map<String, Object>> entries(GraphQlClient prosecutor, Map<String, Object> filter) {
        var request = prosecutor.documentName("disclosures").variable("first", 500);
        for (var entry : filter.entrySet()) {
            request = request.variable(entry.getKey(), entry.getValue());
        }
        return (List) request.executeSync().field("disclosures.edges").toEntityList(Map.class).stream()
                .map(e -> (Map<String, Object>) e.get("node")).toList();
    }

    /** The entries an end user caused, newest first. */
    public static List<Map<String, Object>> byEndUser(GraphQlClient prosecutor, Map<String, Object> filter, String endUser) {
        return entries(prosecutor, filter).stream().filter(e -> endUser.equals(e.get("endUser"))).toList();
    }

    /** An end user name for one test's requests only. */
    public static String uniqueEndUser(String what) {
        return what + "-" + UUID.randomUUID();
    }

    /** The same client, naming another person at the keyboard. */
    public static HttpSyncGraphQlClient as(HttpSyncGraphQlClient client, String endUser) {
        return client.mutate().header("X-End-User", endUser).build();
    }
}
