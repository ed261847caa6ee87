package kz.reentry.hub.caseview;

import graphql.schema.DataFetchingEnvironment;
import kz.reentry.hub.person.Person;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** A person's case by hub id: the person and what the selection asks of them, in one statement ({@link PersonCaseRead}). */
@Controller
class PersonCaseController {

    private final PersonCaseRead reads;

    PersonCaseController(PersonCaseRead reads) {
        this.reads = reads;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Person personById(@Argument String id, DataFetchingEnvironment environment) {
        return reads.byId(id, environment);
    }
}
