package kz.reentry.hub.indicator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class IndicatorController {

    private final IndicatorRepository indicators;
    private final RegionRepository regions;
    private final ReferencedRecords referenced;

    private final CallerScopes scopes;

    IndicatorController(IndicatorRepository indicators, RegionRepository regions, ReferencedRecords referenced,
                        CallerScopes scopes) {
        this.scopes = scopes;
        this.indicators = indicators;
        this.regions = regions;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('INDICATORS_READ')")
    Indicators indicators(@Argument LocalDate from, @Argument LocalDate to, @Argument String region,
                          @Argument OffsetDateTime asOf) {
        if (to.isBefore(from)) {
            throw new InvalidArgumentException("to", "dates.order", "must not be before 'from' (" + from + ")");
        }
        regions.require("region", region);
        return indicators.indicators(from, to, region, asOf == null ? ZonedDateTime.now() : asOf.toZonedDateTime(),
                scopes.currentJurisdiction());
    }

    @BatchMapping
    Map<Indicators, Region> region(List<Indicators> list) {
        return referenced.regions(list, Indicators::regionCode);
    }
}
