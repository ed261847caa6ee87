package kz.reentry.hub.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.party.Institution;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.person.Person;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** The custody side of a person: episodes, the current institution and the planned release. */
@Controller
class PersonCustodyController {

    private final CustodyRepository custody;
    private final InstitutionRepository institutions;

    PersonCustodyController(CustodyRepository custody, InstitutionRepository institutions) {
        this.custody = custody;
        this.institutions = institutions;
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<CustodyEpisode>> custodyEpisodes(List<Person> personList) {
        return Batches.matchedLists(personList, Person::iin,
                custody.episodesOfPersons(Batches.keys(personList, Person::iin)));
    }

    @BatchMapping(typeName = "Person")
    Map<Person, Institution> institution(List<Person> personList) {
        Map<Person, CustodyEpisode> latest = latestEpisodes(personList);
        Map<String, Institution> found = institutions.findByCodes(
                latest.values().stream().map(CustodyEpisode::institutionCode).distinct().toList());
        return Batches.matched(personList, p -> latest.containsKey(p) ? latest.get(p).institutionCode() : null, found);
    }

    @BatchMapping(typeName = "Person")
    Map<Person, PlannedRelease> plannedRelease(List<Person> personList) {
        Map<Person, CustodyEpisode> latest = latestEpisodes(personList);
        Map<String, PlannedRelease> found = custody.releasesOfEpisodes(
                latest.values().stream().map(CustodyEpisode::id).toList());
        return Batches.matched(personList, p -> latest.containsKey(p) ? latest.get(p).id() : null, found);
    }

    private Map<Person, CustodyEpisode> latestEpisodes(List<Person> personList) {
        Map<String, List<CustodyEpisode>> episodes = custody.episodesOfPersons(Batches.keys(personList, Person::iin));
        Map<Person, CustodyEpisode> latest = new LinkedHashMap<>();
        personList.forEach(p -> episodes.getOrDefault(p.iin(), List.of()).stream().findFirst()
                .ifPresent(e -> latest.put(p, e)));
        return latest;
    }
}
