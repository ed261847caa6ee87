package kz.reentry.hub.disclosure;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.RequestContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subject access: a person's own disclosure history, as a file the prosecutor's office hands over.
 * Each entry names only this person, not the others an operation may also have touched, and keeps
 * its hash so the office can show it against the verified log. The export is itself a disclosure
 * and is recorded like one.
 */
@RestController
class SubjectAccessExport {

    private final DisclosureLogRepository log;
    private final DisclosureLogWriter writer;
    private final DisclosureJournal journal;
    private final CallerScopes scopes;

    SubjectAccessExport(DisclosureLogRepository log, DisclosureLogWriter writer, DisclosureJournal journal,
                        CallerScopes scopes) {
        this.log = log;
        this.writer = writer;
        this.journal = journal;
        this.scopes = scopes;
    }

    @GetMapping(path = "/disclosures/subject-access/{person}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDIT_READ')")
    ResponseEntity<?> export(@PathVariable String person,
                             @RequestHeader(name = RequestContext.END_USER_HEADER, required = false) String endUser,
                             @RequestHeader(name = RequestContext.PURPOSE_HEADER, required = false) String purpose) throws IOException {
        var caller = Caller.authenticated().orElseThrow();
        if (endUser == null || endUser.isBlank() || purpose == null || purpose.isBlank()) {
            journal.refused(caller.client(), caller.agency(), endUser, purpose, "subject access export without X-End-User or X-Purpose");
            return ResponseEntity.badRequest().body(Map.of("status", 400, "message",
                    "Headers X-End-User (who is asking) and X-Purpose (the request's case) are required"));
        }
        writer.flush();
        // a person outside the caller's rows (a regional office's region) is as unknown as one the hub never had
        var entries = log.aboutPerson(person, scopes.currentPersonScope());
        // a refusal too names whom it was asked about: like the person, it is then read only within the rows
        journal.append(DisclosureEntry.by(caller.client(), caller.agency()).forWhom(endUser, purpose)
                .operation("EXPORT subject access").persons(List.of(person)).fields(List.of("DisclosureEntry"))
                .outcome(entries.isPresent() ? DisclosureEntry.Outcome.DISCLOSED : DisclosureEntry.Outcome.REFUSED));
        if (entries.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404, "message", "No person with id " + person));
        }
        var file = new Export(person, ZonedDateTime.now(), caller.agency(), endUser, purpose,
                entries.get().stream().map(entry -> SubjectEntry.of(entry)).toList());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("subject-access-" + person + "-" + LocalDate.now() + ".json").build().toString())
                .body(file);
    }

    record Export(String person, ZonedDateTime exportedAt, String exportedBy, String endUser, String purpose,
                  List<SubjectEntry> disclosures) {
    }

    /** One entry as the person sees it: who, when, why, what, with the hash that places it in the log. */
    record SubjectEntry(long seq, ZonedDateTime at, String agency, String client, String endUser, String purpose,
                        String operation, List<String> fields, String outcome, String hash) {

        static SubjectEntry of(DisclosureEntry entry) {
            return new SubjectEntry(entry.seq(), entry.at(), entry.agency(), entry.client(), entry.endUser(),
                    entry.purpose(), entry.operation(), entry.fields(), entry.outcome(), entry.hash());
        }
    }
}
