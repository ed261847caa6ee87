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
 * The records that records of every area refer to by key (a person by hub id, a party by code, a region
 * by code), read for a whole level of a GraphQL response at once: one query per kind. A person comes
 * through {@link PersonRepository}, so a row about someone outside the caller's rows leads to nobody.
 */
@Component
public class ReferencedRecords {

    private final PersonRepository persons;
    private final PartyRepository parties;
    private final RegionRepository regions;

    ReferencedRecords(PersonRepository persons, PartyRepository parties, RegionRepository regions) {
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
