package kz.reentry.hub.employment;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.EntityKeys;
import kz.reentry.hub.party.District;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.referral.EmploymentProfile;
import kz.reentry.hub.territory.Region;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** E4 vacancies in GraphQL: matches for a person, a vacancy's territory, the vacancy a referral names. */
@Controller
class VacancyController {

    private final VacancyMatches matches;
    private final VacancyRepository vacancies;
    private final ReferencedRecords referenced;
    private final PartyRepository parties;

    VacancyController(VacancyMatches matches, VacancyRepository vacancies, ReferencedRecords referenced,
                      PartyRepository parties) {
        this.matches = matches;
        this.vacancies = vacancies;
        this.referenced = referenced;
        this.parties = parties;
    }

    /** Those who send referrals (penal system, probation, akimats) and those who receive them, within their rows. */
    @QueryMapping
    @PreAuthorize("hasRole('REFERRAL_WRITE') or hasRole('REFERRAL_RECEIVE')")
    List<VacancyMatch> vacancyMatches(@Argument String personId, @Argument Integer first) {
        return matches.matches(personId, first);
    }

    /** Vacancies are the labour ministry's published offers, not personal data: any client may resolve them. */
    @EntityMapping(name = "Vacancy")
    List<Vacancy> vacancyEntity(@Argument List<String> idList) {
        return Batches.inOrder(idList, vacancies.byIds(EntityKeys.required(idList, "Vacancy", "id")));
    }

    @BatchMapping(typeName = "Vacancy")
    Map<Vacancy, Region> region(List<Vacancy> list) {
        return referenced.regions(list, Vacancy::regionCode);
    }

    @BatchMapping(typeName = "Vacancy")
    Map<Vacancy, District> district(List<Vacancy> list) {
        return Batches.matched(list, Vacancy::districtCode, parties.districtsByCodes(Batches.keys(list, Vacancy::districtCode)));
    }

    @BatchMapping(typeName = "EmploymentProfile")
    Map<EmploymentProfile, Vacancy> vacancy(List<EmploymentProfile> profiles) {
        return Batches.matched(profiles, EmploymentProfile::vacancyId,
                vacancies.byIds(Batches.keys(profiles, EmploymentProfile::vacancyId)));
    }
}
