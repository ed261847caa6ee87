package kz.reentry.hub.exchange;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class InboundMessageController {

    private final InboundMessageLog log;
    private final CallerScopes scopes;
    private final ReferencedRecords referenced;
    private final BatchFiles batchFiles;

    InboundMessageController(InboundMessageLog log, CallerScopes scopes, ReferencedRecords referenced, BatchFiles batchFiles) {
        this.log = log;
        this.batchFiles = batchFiles;
        this.scopes = scopes;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('EXCHANGE_OPERATOR')")
    Connection<InboundMessage> inboundMessages(@Argument String person, @Argument String sender,
                                               @Argument String channel, @Argument String batchFile,
                                               @Argument Integer first, @Argument String after) {
        return log.page(person, sender, channel, batchFile == null ? null : batchFiles.chain(batchFile),
                PageSize.check(first), Cursor.decode(after, "inbound", 2, "after"),
                scopes.currentPersonScope(), scopes.currentHealthScope());
    }

    /** An E5 record is about one person; the list leaves room for exchanges about several. */
    @BatchMapping
    Map<InboundMessage, List<Person>> persons(List<InboundMessage> messages) {
        Map<InboundMessage, Person> found = referenced.persons(messages, InboundMessage::personId);
        return messages.stream().collect(Collectors.toMap(m -> m, m -> found.get(m) == null ? List.of()
                : List.of(found.get(m)), (a, b) -> a));
    }
}
