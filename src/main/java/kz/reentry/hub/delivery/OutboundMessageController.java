package kz.reentry.hub.delivery;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class OutboundMessageController {

    private final Outbox outbox;
    private final CallerScopes scopes;
    private final ReferencedRecords referenced;

    OutboundMessageController(Outbox outbox, CallerScopes scopes, ReferencedRecords referenced) {
        this.outbox = outbox;
        this.scopes = scopes;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    Connection<OutboundMessage> outboundMessages(@Argument OutboundMessage.Status status, @Argument String recipient,
                                                 @Argument String exchange, @Argument String person,
                                                 @Argument Integer first, @Argument String after) {
        return outbox.page(status, recipient, exchange, person, PageSize.check(first),
                Cursor.decode(after, "outbound", 2, "after"), scopes.currentPersonScope(), scopes.currentHealthScope());
    }

    @MutationMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    OutboundMessage replayOutboundMessage(@Argument String id, Principal operator) {
        // an E3 message is as absent as a missing one to an operator who may not know of health messages
        var health = scopes.currentHealthScope();
        if (outbox.byId(id).filter(m -> !health.seesMessageTo(m.exchange(), m.recipient())).isPresent()) {
            throw new NotFoundException("No dead outbound message with id " + id);
        }
        return outbox.replay(id, operator.getName()).orElseThrow(() ->
                new NotFoundException("No dead outbound message with id " + id));
    }

    @BatchMapping
    Map<OutboundMessage, Person> person(List<OutboundMessage> messages) {
        return referenced.persons(messages, OutboundMessage::personId);
    }
}
