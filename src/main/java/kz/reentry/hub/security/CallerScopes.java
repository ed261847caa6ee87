package kz.reentry.hub.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import org.springframework.stereotype.Component;

/** The kind of party behind a caller's agency code, and the persons the policy lets it see. */
@Component
public class CallerScopes {

    private static final KnownParty UNKNOWN = new KnownParty("", null);

    private final PartyRepository parties;
    private final AccessPolicy policy;
    /** Parties are reference data, changed by migrations at start-up: a party, once read, stays. */
    private final Map<String, KnownParty> known = new ConcurrentHashMap<>();

    /** The jurisdiction the hub answers to (its operator's): rows no party placed are its (PersonScope.placedBy). */
    private final String hubJurisdiction;

    CallerScopes(PartyRepository parties, AccessPolicy policy,
                 @org.springframework.beans.factory.annotation.Value("${hub.jurisdiction:KZ}") String hubJurisdiction) {
        this.parties = parties;
        this.policy = policy;
        this.hubJurisdiction = hubJurisdiction;
    }

    /** The party kind of the caller's agency, or null when the agency is not a known party. */
    public String partyKind(Caller caller) {
        return caller.agency() == null ? null : party(caller.agency()).kind();
    }

    /** The persons the calling client may see; nobody when no client is authenticated on this thread. */
    public PersonScope currentPersonScope() {
        return Caller.authenticated().map(this::scopeOf).orElse(PersonScope.NOBODY);
    }

    /** What the calling client may know of HEALTH referrals; nothing when no client is authenticated on this thread. */
    public HealthScope currentHealthScope() {
        return Caller.authenticated().map(caller -> new HealthScope(policy.seesHealthReferrals(partyKind(caller)),
                caller.agency(), policy.seesOnlyOwnReferrals(partyKind(caller)))).orElse(HealthScope.NOTHING);
    }

    /**
     * The emergencies (E7) the calling client may see; none when no client is authenticated. A region
     * rule of a token for its agency's whole jurisdiction (the General Prosecutor's Office, region KZ)
     * sees all; a region claim that names no territory sees none but those its party reported.
     */
    public EmergencyScope currentEmergencyScope() {
        return Caller.authenticated().map(caller -> {
            EmergencyScope.Rows rows = policy.emergencyRows(partyKind(caller));
            if (rows == EmergencyScope.Rows.REGION) {
                if (caller.region() == null || caller.region().isBlank()) {
                    return EmergencyScope.NOBODY;
                }
                if (caller.region().equals(party(caller.agency()).jurisdiction())) {
                    rows = EmergencyScope.Rows.ALL;
                }
            }
            return new EmergencyScope(rows, caller.agency(), caller.region());
        }).orElse(EmergencyScope.NOBODY);
    }

    PersonScope scopeOf(Caller caller) {
        PersonRows rows = policy.personRows(partyKind(caller));
        String jurisdiction = caller.agency() == null ? null : party(caller.agency()).jurisdiction();
        return new PersonScope(effective(rows, caller), caller.agency(), caller.region(), jurisdiction,
                hubJurisdiction.equals(jurisdiction));
    }

    /** The jurisdiction of the calling client's party; null when none is authenticated or the party is unknown. */
    public String currentJurisdiction() {
        return Caller.authenticated().map(c -> c.agency() == null ? null : party(c.agency()).jurisdiction()).orElse(null);
    }

    /**
     * A token whose region is the whole jurisdiction of its agency (KZ for a Kazakh agency) has no
     * region to limit REGION by. Any other region claim is taken literally, so a malformed or unknown
     * one ("75", "KZ-99") matches no territory and sees nobody: a bad claim never widens the rows.
     */
    private PersonRows effective(PersonRows rows, Caller caller) {
        if (rows == PersonRows.ALL || rows == PersonRows.NONE || rows == PersonRows.REFERRED_TO_IT
                || rows == PersonRows.ASSIGNED_TO_IT) {
            return rows;
        }
        if (caller.region() == null || caller.region().isBlank()) {
            return PersonRows.NONE;
        }
        String jurisdiction = caller.agency() == null ? null : party(caller.agency()).jurisdiction();
        return rows == PersonRows.REGION && caller.region().equals(jurisdiction) ? PersonRows.ALL : rows;
    }

    private KnownParty party(String code) {
        return known.computeIfAbsent(code, c -> {
            Party party = parties.findByCodes(List.of(c)).get(c);
            return party == null ? UNKNOWN : new KnownParty(party.kind(), party.jurisdiction());
        });
    }

    private record KnownParty(String kind, String jurisdiction) {
    }
}
