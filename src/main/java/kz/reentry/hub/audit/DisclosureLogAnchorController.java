package kz.reentry.hub.audit;

import kz.reentry.hub.disclosure.DisclosureLogHead;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.RequestContext;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class DisclosureLogAnchorController {

    private final DisclosureLogAnchor anchor;

    DisclosureLogAnchorController(DisclosureLogAnchor anchor) {
        this.anchor = anchor;
    }

    @MutationMapping
    @PreAuthorize("hasRole('AUDIT_READ')")
    DisclosureLogHead anchorDisclosureLog(@ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                                          @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return anchor.publish(endUser, purpose, Caller.current().client());
    }
}
