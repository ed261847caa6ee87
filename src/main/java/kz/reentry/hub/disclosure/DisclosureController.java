package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class DisclosureController {

    private final DisclosureLogRepository log;
    private final DisclosureLogWriter writer;
    private final DisclosureLogHeads heads;
    private final CallerScopes scopes;

    DisclosureController(DisclosureLogRepository log, DisclosureLogWriter writer, DisclosureLogHeads heads,
                         CallerScopes scopes) {
        this.log = log;
        this.writer = writer;
        this.heads = heads;
        this.scopes = scopes;
    }

    @QueryMapping
    @PreAuthorize("hasRole('AUDIT_READ')")
    Connection<DisclosureEntry> disclosures(@Argument String person, @Argument String agency, @Argument OffsetDateTime from,
                                            @Argument OffsetDateTime to, @Argument Integer first, @Argument String after)
            throws IOException {
        writer.flush();
        return log.page(person, agency, from == null ? null : from.toZonedDateTime(),
                to == null ? null : to.toZonedDateTime(), PageSize.check(first), Cursor.decode(after, "disclosure", 1, "after"),
                scopes.currentPersonScope(), scopes.currentHealthScope());
    }

    @QueryMapping
    @PreAuthorize("hasRole('AUDIT_READ')")
    DisclosureLogRepository.Verification verifyDisclosureLog(@Argument String head) throws IOException {
        List<DisclosureLogRepository.Anchor> given = head == null ? List.of() : List.of(heads.read(head).orElseThrow(
                () -> new InvalidArgumentException("head", "head.signature",
                        "is not a head of this hub's disclosure log: not a JWS signed with its disclosure log key")));
        writer.flush();
        return log.verify(given);
    }
}
