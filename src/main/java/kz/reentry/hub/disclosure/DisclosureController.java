package kz.reentry.hub.disclosure;

import java.time.OffsetDateTime;

import kz.reentry.hub.api.Connection;
import java.util.List;

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
        this.scopes = scopes;
        this.log = log;
        this.writer = writer;
        this.heads = heads;
    }

    @QueryMapping
    @PreAuthorize("hasRole('AUDIT_READ')")
    Connection<DisclosureEntry> disclosures(@Argument String person, @Argument String agency, @Argument OffsetDateTime from,
                                            @Argument OffsetDateTime to, @Argument Integer first, @Argument String after)
            throws java.io.IOException {
        writer.flush();
        return log.page(person, agency, from == null ? null : from.toZonedDateTime(),
                to == null ? null : to.toZonedDateTime(), PageSize.check(first), Cursor.decode(after, "disclosure", 1, "after"),
                scopes.currentHealthScope());
    }

    @QueryMapping
    @PreAuthorize("hasRole('AUDIT_READ')")
    DisclosureLogRepository.Verification verifyDisclosureLog(@Argument String head) throws java.io.IOException {
        List<DisclosureLogRepository.Anchor> given = head == null ? List.of() : List.of(heads.read(head).orElseThrow(
                () -> new InvalidArgumentException("head", "head.signature",
                        "is not a head of this hub's disclosure log: not a JWS signed with its disclosure log key")));
        writer.flush();
        return log.verify(given);
    }
}
