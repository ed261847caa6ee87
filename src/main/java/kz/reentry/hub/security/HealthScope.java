package kz.reentry.hub.security;

import java.util.Map;

/**
 * Who may know that a HEALTH referral, its E3 handoff or the duty to acknowledge it exists: the party
 * kinds of access-policy.yaml's healthReferrals.seenBy, and besides them the referral's own sender
 * and receiver (docs/adr/0011). Queries add {@link #parameters()} and test, for a referral r with
 * sender and receiver: {@code r.kind <> 'HEALTH' OR $healthSeen OR $healthAgency IN [sender.code, receiver.code]}.
 * Besides, a party of a kind in access-policy.yaml's referrals.onlyOwnFor (an NGO) knows of no referral
 * but those it sent or receives: {@code NOT $ownReferralsOnly OR $healthAgency IN [sender.code, receiver.code]}.
 */
public record HealthScope(boolean seen, String agency, boolean ownReferralsOnly) {

    public static final HealthScope NOTHING = new HealthScope(false, null, true);

    public HealthScope(boolean seen, String agency) {
        this(seen, agency, false);
    }

    /** Whether the caller may know of this referral at all, given its kind, sender and receiver. */
    public boolean knows(boolean health, String from, String to) {
        boolean party = from.equals(agency) || to.equals(agency);
        return (!health || seen || party) && (!ownReferralsOnly || party);
    }

    public Map<String, Object> addedTo(Map<String, Object> parameters) {
        parameters.putAll(parameters());
        return parameters;
    }

    public Map<String, Object> parameters() {
        var parameters = new java.util.HashMap<String, Object>();
        parameters.put("healthSeen", seen);
        parameters.put("healthAgency", agency);
        parameters.put("ownReferralsOnly", ownReferralsOnly);
        return parameters;
    }
}
