package kz.reentry.hub.party;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.EntityKeys;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class InstitutionController {

    private final InstitutionRepository institutions;
    private final RegionRepository regions;

    InstitutionController(InstitutionRepository institutions, RegionRepository regions) {
        this.institutions = institutions;
        this.regions = regions;
    }

    @EntityMapping
    @PreAuthorize("isAuthenticated()")
    List<Institution> institution(@Argument List<String> codeList) {
        return Batches.inOrder(codeList, institutions.findByCodes(EntityKeys.required(codeList, "Institution", "code")));
    }

    @BatchMapping
    Map<Institution, Region> region(List<Institution> institutionList) {
        return Batches.matched(institutionList, Institution::regionCode,
                regions.findByCodes(Batches.keys(institutionList, Institution::regionCode)));
    }
}
