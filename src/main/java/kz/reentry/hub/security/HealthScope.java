package kz.reentry.hub.security;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may know that a HEALTH referral, its E3 handoff or the duty to acknowledge it exists: the party
 * kinds of access-policy.yaml's healthReferrals.seenBy, and besides them the referral's own sender
 * and receiver (docs/adr/0011). Queries add {@link #parameters()} and test, for a referral r with
 * sender and receiver: {@code r.kind <> 'HEALTH' OR $healthSeen OR $healthAgency IN [sender.code, receiver.code]}.
 * A HEALTH measure of a programme is health data the same way: see {@link #measureSeen}.
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

    /** The exchange whose messages (in, out, rejected) are health data by their existence: treatment handoffs. */
    public static final String HEALTH_EXCHANGE = "E3";

    /** Cypher condition: the caller may know of a message {@code m} of some exchange (inbound, rejected). */
    public static String messageSeen(String m) {
        return "(coalesce(%1$s.exchange, '') <> '%2$s' OR $healthSeen)".formatted(m, HEALTH_EXCHANGE);
    }

    /** Cypher condition: the caller may know of outbound message {@code m} (its recipient always may). */
    public static String outboundSeen(String m) {
        return "(coalesce(%1$s.exchange, '') <> '%2$s' OR $healthSeen OR %1$s.recipient = $healthAgency)"
                .formatted(m, HEALTH_EXCHANGE);
    }

    /**
     * Cypher condition: the caller may know of measure {@code m} of programme {@code prog}. A measure
     * outside HEALTH is no health data; a HEALTH one is known to the kinds of healthReferrals.seenBy,
     * and to the parties it concerns: the programme's author, the party responsible for it and any
     * party that changed it (the parties a referral's sender and receiver stand for).
     */
    public static String measureSeen(String m, String prog) {
        return """
                (%1$s.domain <> 'HEALTH' OR $healthSeen
                 OR EXISTS { (%1$s)-[:RESPONSIBLE]->(:Party {code: $healthAgency}) }
                 OR EXISTS { (%2$s)-[:DRAWN_UP_BY]->(:Party {code: $healthAgency}) }
                 OR EXISTS { (%1$s)-[:UPDATED]->(:MeasureUpdate {agency: $healthAgency}) })""".formatted(m, prog);
    }

    /** Whether the caller may know of a message of this exchange (a dead letter to replay). */
    public boolean seesExchange(String exchange) {
        return seen || !HEALTH_EXCHANGE.equals(exchange);
    }

    /** Whether the caller may know of an outbound message of this exchange to this recipient (its recipient may). */
    public boolean seesMessageTo(String exchange, String recipient) {
        return seesExchange(exchange) || agency != null && agency.equals(recipient);
    }

    public Map<String, Object> addedTo(Map<String, Object> parameters) {
        parameters.putAll(parameters());
        return parameters;
    }

    public Map<String, Object> parameters() {
        var parameters = new HashMap<String, Object>();
        parameters.put("healthSeen", seen);
        parameters.put("healthAgency", agency);
        parameters.put("ownReferralsOnly", ownReferralsOnly);
        return parameters;
    }
}
