package kz.reentry.hub.territory;

import java.util.List;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.api.EntityKeys;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class RegionController {

    private final RegionRepository regions;

    RegionController(RegionRepository regions) {
        this.regions = regions;
    }

    @EntityMapping
    @PreAuthorize("isAuthenticated()")
    List<Region> region(@Argument List<String> codeList) {
        return Batches.inOrder(codeList, regions.findByCodes(EntityKeys.required(codeList, "Region", "code")));
    }
}
