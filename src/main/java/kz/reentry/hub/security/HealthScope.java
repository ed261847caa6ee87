package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may know that a HEALTH referral, its E3 handoff or the duty to acknowledge it exists: the party
 * kinds of access-policy.yaml's healthReferrals.seenBy, and besides them the referral's own sender
 * and receiver (docs/adr/0011). Queries add {@link #parameters()} and test, for a referral r with
 * sender and receiver: {@code r.kind <> 'HEALTH' OR $healthSeen OR $healthAgency IN [sender.code, receiver.code]}.
 */
public record HealthScope(boolean seen, String agency) {

    public static final HealthScope NOTHING = new HealthScope(false, null);

    public Map<String, Object> addedTo(Map<String, Object> parameters) {
        parameters.putAll(parameters());
        return parameters;
    }

    public Map<String, Object> parameters() {
        var parameters = new HashMap<String, Object>();
        parameters.put("healthSeen", seen);
        parameters.put("healthAgency", agency);
        return parameters;
    }
}
