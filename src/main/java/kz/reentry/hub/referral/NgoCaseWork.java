package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.programme.Measure;
import kz.reentry.hub.programme.ProgrammeRepository;
import kz.reentry.hub.security.Caller;
import org.springframework.stereotype.Service;

/**
 * The assigned NGO moves its case (E6): starts it, records contacts and measures, completes it with an
 * outcome or hands it back. Only the NGO the case is assigned to: to any other caller, and to the NGO
 * once it no longer sees the person, the case does not exist (NOT_FOUND, as in acceptCase). Every
 * move is published to subscribers after its commit.
 */
@Service
class NgoCaseWork {

    static final int MAX_NOTE = 1000;
    private static final Set<ReferralStatus> WORKABLE = Set.of(ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS);

    private final ReferralRepository referrals;
    private final NgoCaseRepository work;
    private final ProgrammeRepository programmes;
    private final PersonLookup persons;
    private final ReferralEvents events;

    private final CallerScopes scopes;

    NgoCaseWork(ReferralRepository referrals, NgoCaseRepository work, ProgrammeRepository programmes, PersonLookup persons,
                ReferralEvents events, CallerScopes scopes) {
        this.scopes = scopes;
        this.referrals = referrals;
        this.work = work;
        this.programmes = programmes;
        this.persons = persons;
        this.events = events;
    }

    Referral start(String referralId, String note) {
        Referral assigned = caseOf(referralId);
        if (assigned.status() != ReferralStatus.ACCEPTED) {
            throw new InvalidArgumentException("referralId", "case.status", "the case is " + assigned.status()
                    + ": only a case the NGO accepted is started");
        }
        return moved(referrals.move(assigned.id(), assigned.status(), ReferralStatus.IN_PROGRESS, text(note, "note"), null,
                Caller.current()), "referralId");
    }

    Referral recordContact(NgoCaseController.RecordCaseContactInput input) {
        Referral assigned = workable(input.referralId(), "input.referralId");
        checkDay(input.on(), assigned);
        return moved(work.contact(assigned.id(), input.on(), input.kind(), text(input.note(), "input.note"), Caller.current()),
                "input.referralId");
    }

    Referral recordMeasure(NgoCaseController.RecordCaseMeasureInput input) {
        Referral assigned = workable(input.referralId(), "input.referralId");
        checkDay(input.on(), assigned);
        String domain = input.domain();
        if (input.measureId() != null) {
            Measure measure = programmes.measuresByIds(List.of(input.measureId()), scopes.currentHealthScope()).get(input.measureId());
            if (measure == null || !measure.personId().equals(assigned.personId())) {
                throw new InvalidArgumentException("input.measureId", "measure.unknown",
                        "is not a measure of the programme of this case's person");
            }
            if (domain != null && !domain.equals(measure.domain())) {
                throw new InvalidArgumentException("input.domain", "measure.domain",
                        "the measure is of " + measure.domain() + ", not " + domain + " (leave the domain out)");
            }
            domain = measure.domain();
        } else if (domain == null) {
            throw new InvalidArgumentException("input.domain", "required", "name the domain of a measure outside the programme");
        }
        if (domain.equals("HEALTH")) {
            throw new InvalidArgumentException("input.domain", "caseMeasure.health", "health care is handed over by the "
                    + "penal medical service (E3) and its details stay with health bodies: record an accompaniment as a "
                    + "contact (ACCOMPANIED)");
        }
        String note = text(input.note(), "input.note");
        if (input.measureId() == null && note == null) {
            throw new InvalidArgumentException("input.note", "required", "say what was done");
        }
        return moved(work.measure(assigned.id(), input.on(), input.measureId(), domain, note, Caller.current()),
                "input.referralId");
    }

    Referral complete(NgoCaseController.CompleteCaseInput input) {
        Referral assigned = workable(input.referralId(), "input.referralId");
        return moved(referrals.move(assigned.id(), assigned.status(), ReferralStatus.COMPLETED, text(input.note(), "input.note"),
                input.outcome().name(), Caller.current()), "input.referralId");
    }

    Referral handBack(String referralId, String reason) {
        Referral assigned = workable(referralId, "referralId");
        String why = text(reason, "reason");
        if (why == null) {
            throw new InvalidArgumentException("reason", "required", "say why the case is handed back");
        }
        return moved(referrals.move(assigned.id(), assigned.status(), ReferralStatus.HANDED_BACK, why, null,
                Caller.current()), "referralId");
    }

    /** The caller's own NGO case, whose person it still sees; NOT_FOUND otherwise, worded as for a missing one. */
    private Referral caseOf(String referralId) {
        Referral referral = referralId == null ? null : referrals.byIds(List.of(referralId)).get(referralId);
        if (referral == null || !"NGO_CASE".equals(referral.kind()) || !Caller.current().agency().equals(referral.toCode())
                || !persons.isVisible(referral.personId())) {
            throw new NotFoundException("No referral with id " + referralId);
        }
        return referral;
    }

    private Referral workable(String referralId, String argument) {
        Referral assigned = caseOf(referralId);
        if (!WORKABLE.contains(assigned.status())) {
            throw new InvalidArgumentException(argument, "case.status", "the case is " + assigned.status()
                    + ": the NGO works only on a case it accepted and has not closed");
        }
        return assigned;
    }

    /** Not in the future, and not before the case was assigned. */
    private static void checkDay(LocalDate on, Referral assigned) {
        if (on.isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.on", "date.future", "must not be in the future");
        }
        LocalDate assignedOn = assigned.requestedAt().toLocalDate();
        if (on.isBefore(assignedOn)) {
            throw new InvalidArgumentException("input.on", "date.beforeCase",
                    "must not be before the case was assigned (" + assignedOn + ")");
        }
    }

    /** A note stripped, null when blank; at most {@link #MAX_NOTE} characters. */
    private static String text(String note, String argument) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_NOTE) {
            throw new InvalidArgumentException(argument, "text.length", "must be at most " + MAX_NOTE + " characters");
        }
        return note.strip();
    }

    private Referral moved(Referral referral, String argument) {
        if (referral == null) {
            throw new InvalidArgumentException(argument, "referral.concurrent", "was moved by someone else meanwhile; read it again");
        }
        events.published(referral);
        return referral;
    }
}
