package kz.reentry.hub.reference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonRepository;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Component;

/**
 * Resolves the references that records of every area carry (a person id, a party code, a region
 * code) for a whole level of a GraphQL response at once: one query per kind of reference.
 */
@Component
public class References {

    private final PersonRepository persons;
    private final PartyRepository parties;
    private final RegionRepository regions;

    References(PersonRepository persons, PartyRepository parties, RegionRepository regions) {
        this.persons = persons;
        this.parties = parties;
        this.regions = regions;
    }

    public <P> Map<P, Person> persons(List<P> parents, Function<P, String> personId) {
        return Batches.matched(parents, personId, persons.findByIds(keys(parents, personId)));
    }

    public <P> Map<P, Party> parties(List<P> parents, Function<P, String> partyCode) {
        return Batches.matched(parents, partyCode, parties.findByCodes(keys(parents, partyCode)));
    }

    public <P> Map<P, Region> regions(List<P> parents, Function<P, String> regionCode) {
        return Batches.matched(parents, regionCode, regions.findByCodes(keys(parents, regionCode)));
    }

    private static <P> List<String> keys(List<P> parents, Function<P, String> key) {
        return Batches.keys(parents, key).stream().filter(Objects::nonNull).toList();
    }
}
