package kz.reentry.hub.exchange;

import java.util.List;

import kz.reentry.hub.api.Connection;
import kz.reentry.hub.api.Cursor;
import kz.reentry.hub.api.PageSize;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonRepository;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.RequestContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class DeadLetterController {

    private final DeadLetterStore store;
    private final DeadLetterReplay replay;
    private final PersonRepository persons;
    private final BatchFiles batchFiles;
    private final CallerScopes scopes;

    DeadLetterController(DeadLetterStore store, DeadLetterReplay replay, PersonRepository persons, BatchFiles batchFiles,
                         CallerScopes scopes) {
        this.store = store;
        this.replay = replay;
        this.persons = persons;
        this.batchFiles = batchFiles;
        this.scopes = scopes;
    }

    @QueryMapping
    @PreAuthorize("hasRole('INTAKE_OPERATOR')")
    List<BatchFile> batchFiles(@Argument Integer first) {
        return batchFiles.latest(PageSize.check(first));
    }

    @QueryMapping
    @PreAuthorize("hasRole('INTAKE_OPERATOR')")
    Connection<DeadLetter> deadLetters(@Argument DeadLetter.Status status, @Argument String batchFile,
                                       @Argument Integer first, @Argument String after) {
        return store.page(status, batchFile == null ? null : batchFiles.chain(batchFile), PageSize.check(first),
                Cursor.decode(after, "deadLetter", 2, "after"),
                scopes.currentPersonScope(), scopes.currentHealthScope());
    }

    @MutationMapping
    DeadLetterReplay.Outcome replayDeadLetter(@Argument String id, @Argument String correctedPayload,
                                              @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                                              @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        Caller operator = Caller.current();
        return replay.replay(id, correctedPayload,
                new DeadLetterReplay.Operator(operator.client(), operator.agency(), endUser, purpose));
    }

    @SchemaMapping(typeName = "ReplayResult")
    Person person(DeadLetterReplay.Outcome outcome) {
        if (!(outcome.result() instanceof FilingReceipt receipt)) {
            return null;
        }
        return persons.findByIins(List.of(receipt.personIin())).get(receipt.personIin());
    }
}
