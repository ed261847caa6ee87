package kz.reentry.hub.party;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.EntityKeys;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Parties are reference data: any authenticated caller may read them. */
@Controller
@PreAuthorize("isAuthenticated()")
class PartyController {

    private final PartyRepository parties;
    private final RegionRepository regions;

    PartyController(PartyRepository parties, RegionRepository regions) {
        this.parties = parties;
        this.regions = regions;
    }

    @QueryMapping
    Party party(@Argument String code) {
        return parties.findByCodes(List.of(code)).get(code);
    }

    @QueryMapping
    Connection<Party> parties(@Argument String kind, @Argument String region, @Argument Integer first,
                              @Argument String after) {
        return parties.page(kind, region, PageSize.check(first), Cursor.decode(after, "party", 1, "after"));
    }

    @EntityMapping
    List<Agency> agency(@Argument List<String> codeList) {
        return Batches.inOrder(codeList, typed(EntityKeys.required(codeList, "Agency", "code"), Agency.class));
    }

    @EntityMapping
    List<Ngo> ngo(@Argument List<String> codeList) {
        return Batches.inOrder(codeList, typed(EntityKeys.required(codeList, "Ngo", "code"), Ngo.class));
    }

    @EntityMapping
    List<District> district(@Argument List<String> codeList) {
        return Batches.inOrder(codeList, parties.districtsByCodes(EntityKeys.required(codeList, "District", "code")));
    }

    @BatchMapping
    Map<Agency, Agency> partOf(List<Agency> agencies) {
        var parents = agencies.stream().map(Agency::partOfCode).filter(Objects::nonNull).distinct().toList();
        return Batches.matched(agencies, Agency::partOfCode, typed(parents, Agency.class));
    }

    @BatchMapping
    Map<Agency, List<Object>> serves(List<Agency> agencies) {
        return territories(agencies, parties.servedBy(Batches.keys(agencies, Agency::code)), Agency::code);
    }

    @BatchMapping
    Map<Agreement, List<Object>> covers(List<Agreement> agreements) {
        return territories(agreements, parties.coveredBy(Batches.keys(agreements, Agreement::id)), Agreement::id);
    }

    /** Each parent's territories as the schema's Territory union: a Region, or a District. */
    private <P> Map<P, List<Object>> territories(List<P> parents, Map<String, List<PartyRepository.Served>> served,
                                                 java.util.function.Function<P, String> key) {
        var regionCodes = served.values().stream().flatMap(List::stream).filter(s -> !s.district())
                .map(PartyRepository.Served::code).distinct().toList();
        Map<String, Region> regionsByCode = regions.findByCodes(regionCodes);
        Map<P, List<Object>> result = new LinkedHashMap<>();
        parents.forEach(parent -> result.put(parent, served.get(key.apply(parent)).stream()
                .<Object>map(s -> s.district() ? s.asDistrict() : regionsByCode.get(s.code()))
                .filter(Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping
    Map<Ngo, Integer> openCases(List<Ngo> ngos) {
        Map<String, Integer> open = parties.openCases(Batches.keys(ngos, Ngo::code));
        return Batches.matched(ngos, Ngo::code, open);
    }

    @BatchMapping
    Map<Ngo, List<Region>> regionsServed(List<Ngo> ngos) {
        var served = parties.servedBy(Batches.keys(ngos, Ngo::code));
        Map<String, Region> found = regions.findByCodes(served.values().stream().flatMap(List::stream)
                .map(PartyRepository.Served::code).distinct().toList());
        Map<Ngo, List<Region>> result = new LinkedHashMap<>();
        ngos.forEach(ngo -> result.put(ngo, served.get(ngo.code()).stream().map(s -> found.get(s.code()))
                .filter(Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping
    Map<Ngo, List<Agreement>> agreements(List<Ngo> ngos) {
        return Batches.matched(ngos, Ngo::code, parties.agreementsOf(Batches.keys(ngos, Ngo::code)));
    }

    @BatchMapping
    Map<Agreement, List<Agency>> counterparts(List<Agreement> agreements) {
        Map<String, List<String>> codes = parties.counterpartsOf(Batches.keys(agreements, Agreement::id));
        Map<String, Agency> agencies = typed(codes.values().stream().flatMap(List::stream).distinct().toList(), Agency.class);
        Map<Agreement, List<Agency>> result = new LinkedHashMap<>();
        agreements.forEach(a -> result.put(a, codes.get(a.id()).stream().map(agencies::get).toList()));
        return result;
    }

    @BatchMapping(typeName = "Institution")
    Map<Institution, Agency> operatedBy(List<Institution> institutions) {
        var operators = institutions.stream().map(Institution::operatedByCode).filter(Objects::nonNull)
                .distinct().toList();
        return Batches.matched(institutions, Institution::operatedByCode, typed(operators, Agency.class));
    }

    @BatchMapping(typeName = "Region")
    Map<Region, List<District>> districts(List<Region> regionList) {
        return Batches.matched(regionList, Region::code, parties.districtsOf(Batches.keys(regionList, Region::code)));
    }

    @BatchMapping(typeName = "District")
    Map<District, Region> region(List<District> districts) {
        return Batches.matched(districts, District::regionCode,
                regions.findByCodes(Batches.keys(districts, District::regionCode)));
    }

    private <T extends Party> Map<String, T> typed(List<String> codes, Class<T> type) {
        Map<String, T> typed = new HashMap<>();
        parties.findByCodes(codes).forEach((code, party) -> {
            if (type.isInstance(party)) {
                typed.put(code, type.cast(party));
            }
        });
        return typed;
    }
}
