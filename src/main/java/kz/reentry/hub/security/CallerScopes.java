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

    private final PartyRepository parties;
    private final AccessPolicy policy;
    /** Parties are reference data, changed by migrations at start-up: a kind, once read, stays. */
    private final Map<String, String> kinds = new ConcurrentHashMap<>();

    CallerScopes(PartyRepository parties, AccessPolicy policy) {
        this.parties = parties;
        this.policy = policy;
    }

    /** The party kind of the caller's agency, or null when the agency is not a known party. */
    public String partyKind(Caller caller) {
        if (caller.agency() == null) {
            return null;
        }
        return kinds.computeIfAbsent(caller.agency(), code -> {
            Party party = parties.findByCodes(List.of(code)).get(code);
            return party == null ? "" : party.kind();
        });
    }

    /** The persons the calling client may see; nobody when no client is authenticated on this thread. */
    public PersonScope currentPersonScope() {
        return Caller.authenticated()
                .map(caller -> new PersonScope(policy.personRows(partyKind(caller)), caller.agency(), caller.region()))
                .orElse(PersonScope.NOBODY);
    }
}
