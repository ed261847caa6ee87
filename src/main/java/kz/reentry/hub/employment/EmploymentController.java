package kz.reentry.hub.employment;

import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.referral.EmploymentProfile;
import kz.reentry.hub.referral.Referral;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** E4 on a referral in GraphQL: the profile sent to the centre, and the centre's outcomes. */
@Controller
class EmploymentController {

    private final EmploymentOutcomeRepository outcomes;

    EmploymentController(EmploymentOutcomeRepository outcomes) {
        this.outcomes = outcomes;
    }

    @BatchMapping(typeName = "Referral")
    Map<Referral, EmploymentProfile> employment(List<Referral> referrals) {
        return Batches.matched(referrals, Referral::id, outcomes.profiles(Batches.keys(referrals, Referral::id)));
    }

    @BatchMapping(typeName = "Referral")
    Map<Referral, List<EmploymentOutcomeRepository.Outcome>> employmentOutcomes(List<Referral> referrals) {
        return Batches.matchedLists(referrals, Referral::id, outcomes.outcomes(Batches.keys(referrals, Referral::id)));
    }
}
